using System.ComponentModel.DataAnnotations;

namespace ChurnActors.Silo.Hosting;

/// <summary>
/// Bound from <c>ChurnActors</c> (the key <c>ChurnActors:Role</c>): what this process does in the cluster.
/// <see cref="Silo"/> (the default) hosts grains and serves the HTTP API and ingest; <see cref="Api"/> serves the
/// HTTP API and ingest, writes the event log and reaches the grains through an Orleans client, hosting no grains, so
/// the HTTP tier and the grain tier scale apart.
/// </summary>
public sealed class HostRoleOptions : IValidatableObject
{
    public const string SectionName = "ChurnActors";

    /// <summary>The configuration key of <see cref="Role"/>.</summary>
    public const string RoleKey = SectionName + ":" + nameof(Role);

    /// <summary>Hosts grains (an Orleans silo) and serves HTTP.</summary>
    public const string Silo = "silo";

    /// <summary>Serves HTTP and ingest through an Orleans client; hosts no grains.</summary>
    public const string Api = "api";

    /// <summary><see cref="Silo"/> or <see cref="Api"/> (case does not matter).</summary>
    public string Role { get; set; } = Silo;

    /// <summary>Whether the role is <see cref="Api"/>.</summary>
    public bool IsApi => string.Equals(Role?.Trim(), Api, StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether the configured role is <see cref="Api"/> (an unknown role fails in <see cref="Read"/>).</summary>
    public static bool IsApiRole(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return string.Equals(configuration[RoleKey]?.Trim(), Api, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The role, checked now: the composition depends on it.</summary>
    /// <exception cref="InvalidOperationException">The role is neither <see cref="Silo"/> nor <see cref="Api"/>.</exception>
    public static HostRoleOptions Read(IConfiguration configuration) =>
        OptionsRegistration.Bind<HostRoleOptions>(configuration, SectionName);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var role = Role?.Trim();
        if (!string.Equals(role, Silo, StringComparison.OrdinalIgnoreCase) && !string.Equals(role, Api, StringComparison.OrdinalIgnoreCase))
        {
            yield return new ValidationResult(
                $"{RoleKey} must be \"{Silo}\" (hosts grains and serves HTTP; the default) or \"{Api}\" (serves HTTP and " +
                $"ingest through an Orleans client, hosts no grains); it is \"{Role}\".",
                [nameof(Role)]);
        }
    }
}
