using ChurnActors.Api.Contracts;
using ChurnActors.Retention.Playbooks;

namespace ChurnActors.Storage.Retention;

/// <summary>Stored playbooks as the admin API's records, the same whether the host or the CLI (straight on the database) answers.</summary>
public static class PlaybookResponses
{
    public static PlaybookResponse ToResponse(this StoredPlaybook playbook)
    {
        ArgumentNullException.ThrowIfNull(playbook);
        return new PlaybookResponse(
            playbook.Id,
            playbook.Current.Name,
            playbook.Enabled,
            playbook.CurrentVersion,
            playbook.CreatedAt,
            playbook.UpdatedAt,
            PlaybookJson.ToElement(playbook.Current),
            [.. playbook.Versions.Select(v => new PlaybookVersionResponse(v.Version, v.CreatedAt, PlaybookJson.ToElement(v.Definition)))]);
    }

    public static PlaybookSummaryResponse ToSummary(this StoredPlaybook playbook)
    {
        ArgumentNullException.ThrowIfNull(playbook);
        var current = playbook.Current;
        return new PlaybookSummaryResponse(
            playbook.Id,
            current.Name,
            playbook.Enabled,
            playbook.CurrentVersion,
            current.Priority,
            Describe(current.Entry),
            current.Steps.Count,
            current.Holdout,
            playbook.UpdatedAt);
    }

    public static PlaybookListResponse ToListResponse(this IEnumerable<StoredPlaybook> playbooks) =>
        new([.. playbooks.Select(p => p.ToSummary())]);

    public static PlaybookApplyResponse ToResponse(this PlaybookApplyResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var outcome = result.Outcome switch
        {
            PlaybookApplyOutcome.Created => "created",
            PlaybookApplyOutcome.Versioned => "versioned",
            _ => "unchanged",
        };
        return new PlaybookApplyResponse(outcome, result.Playbook.ToResponse());
    }

    /// <summary>The entry transition in brief: <c>low|medium -> high</c>, or <c>* -> high</c> from any band.</summary>
    public static string Describe(PlaybookEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var from = entry.From.Count == 0 ? "*" : string.Join('|', entry.From.Select(RetentionNames.Of));
        return $"{from} -> {RetentionNames.Of(entry.To)}";
    }
}
