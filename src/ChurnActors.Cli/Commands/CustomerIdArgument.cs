using System.CommandLine;

namespace ChurnActors.Cli.Commands;

/// <summary>The ID argument of the <c>suppressions</c> commands that act on one customer.</summary>
internal static class CustomerIdArgument
{
    public static Argument<string> Create() =>
        new("ID") { Description = "The customer's id: its userId, or 'anon:' and its anonymousId (as GET /v1/users/{id} takes it)." };
}
