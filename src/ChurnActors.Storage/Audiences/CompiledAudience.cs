using Npgsql;

namespace ChurnActors.Storage.Audiences;

/// <summary>
/// An audience as SQL: <see cref="Where"/> is a boolean expression over <c>customer_scores s</c> (alias <c>s</c>) that
/// refers to its values only as positional parameters (<c>$n</c>), and <see cref="Parameters"/> are those values in order.
/// A parameter belongs to one command only; <see cref="AddParametersTo"/> adds copies, so one compiled audience can
/// serve several commands.
/// </summary>
public sealed record CompiledAudience(string Where, IReadOnlyList<NpgsqlParameter> Parameters)
{
    /// <summary>Adds copies of <see cref="Parameters"/> to <paramref name="command"/>, after any it already has.</summary>
    public void AddParametersTo(NpgsqlCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        foreach (var parameter in Parameters)
        {
            command.Parameters.Add(parameter.Clone());
        }
    }
}
