using System.CommandLine;

namespace ChurnActors.Cli.Commands;

/// <summary>The ID argument of the <c>playbooks</c> commands that act on one playbook.</summary>
internal static class PlaybookIdArgument
{
    public static Argument<string> Create() => new("ID") { Description = "The playbook's id (its slug, e.g. winback-high-value)." };
}
