namespace ChurnActors.Retention.Playbooks;

/// <summary>One thing wrong with a playbook file: where (a JSON path such as <c>steps[1].delay</c>) and what to do.</summary>
public sealed record PlaybookProblem(string Path, string Message)
{
    public override string ToString() => $"{Path}: {Message}";
}
