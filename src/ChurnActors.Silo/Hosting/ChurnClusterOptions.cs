using System.ComponentModel.DataAnnotations;
using System.Net;
using ChurnActors.Grains;

namespace ChurnActors.Silo.Hosting;

/// <summary>
/// Bound from <c>ChurnActors:Cluster</c>: which Orleans cluster the silo joins, the address it gives the other silos
/// and clients, where it listens, and how fast a silo that stops answering is declared dead
/// (<see cref="Membership"/>). With PostgreSQL the cluster's members are kept in the database (migration 0017), so
/// every silo started on the same database with the same <see cref="ClusterId"/> forms one cluster; in the in-memory
/// mode the silo is a cluster of one on localhost.
/// </summary>
public sealed class ChurnClusterOptions : IValidatableObject
{
    public const string SectionName = "ChurnActors:Cluster";

    private const string Key = SectionName + ":";

    /// <summary>
    /// Names the cluster in the membership table: silos with the same id on one database form one cluster. A rolling
    /// upgrade keeps it; a second, separate deployment on the same database needs another.
    /// </summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = Key + "{0} must be set (e.g. churnactors).")]
    public string ClusterId { get; set; } = "churnactors";

    /// <summary>
    /// Names the service: grain state and reminders are stored under it, so it must stay the same for the life of the
    /// data (changing it orphans every customer's stored state).
    /// </summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = Key + "{0} must be set (e.g. churnactors); keep it for the life of the data.")]
    public string ServiceId { get; set; } = "churnactors";

    /// <summary>
    /// The IP address other silos and clients reach this silo at (in a container, the pod's IP). Unset: the loopback
    /// address, which only silos on the same machine can reach. When it is set and not a loopback address, the silo
    /// listens on every interface.
    /// </summary>
    public string? AdvertisedAddress { get; set; }

    /// <summary>The port silos talk to each other on.</summary>
    [Range(1, 65535, ErrorMessage = Key + "{0} must be a TCP port, {1}..{2}.")]
    public int SiloPort { get; set; } = 11111;

    /// <summary>The port Orleans clients (an API-only process) connect to.</summary>
    [Range(1, 65535, ErrorMessage = Key + "{0} must be a TCP port, {1}..{2}.")]
    public int GatewayPort { get; set; } = 30000;

    /// <summary>
    /// In the API-only role (<c>ChurnActors:Role=api</c>): how long the process keeps trying to reach a silo's gateway at
    /// start before it fails. Meanwhile <c>/health/live</c> answers and <c>/health/ready</c> does not.
    /// </summary>
    [Range(typeof(TimeSpan), OptionRanges.OneMillisecond, OptionRanges.MaxTimeSpan, ErrorMessage = Key + "{0} must be positive (e.g. 00:05:00).")]
    public TimeSpan GatewayConnectTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// In the API-only role: how often the Orleans client re-reads the gateways from the membership table, so a silo
    /// that joined takes its share of the calls (a gateway that went away is dropped at once, when its connection fails).
    /// </summary>
    [Range(typeof(TimeSpan), OptionRanges.OneMillisecond, OptionRanges.MaxTimeSpan, ErrorMessage = Key + "{0} must be positive (e.g. 00:00:10).")]
    public TimeSpan GatewayListRefreshPeriod { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How silos watch each other and the membership table (<c>ChurnActors:Cluster:Membership</c>).</summary>
    public ChurnMembershipOptions Membership { get; set; } = new();

    /// <summary><see cref="AdvertisedAddress"/> parsed, or loopback when unset.</summary>
    public IPAddress AdvertisedIPAddress =>
        string.IsNullOrWhiteSpace(AdvertisedAddress) ? IPAddress.Loopback : IPAddress.Parse(AdvertisedAddress.Trim());

    /// <summary>Whether the silo listens on every interface (an advertised address other than loopback).</summary>
    public bool ListenOnAnyAddress => !IPAddress.IsLoopback(AdvertisedIPAddress);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!string.IsNullOrWhiteSpace(AdvertisedAddress) && !IPAddress.TryParse(AdvertisedAddress.Trim(), out _))
        {
            yield return new ValidationResult(
                $"{Key}{nameof(AdvertisedAddress)} must be an IP address (e.g. the pod IP, 10.0.3.17); it is \"{AdvertisedAddress}\". " +
                "Leave it unset for silos on one machine.",
                [nameof(AdvertisedAddress)]);
        }

        if (SiloPort == GatewayPort)
        {
            yield return new ValidationResult(
                $"{Key}{nameof(SiloPort)} and {Key}{nameof(GatewayPort)} must differ (both are {SiloPort}).",
                [nameof(SiloPort), nameof(GatewayPort)]);
        }

        if (Membership is null)
        {
            yield break;
        }

        var nested = new List<ValidationResult>();
        Validator.TryValidateObject(Membership, new ValidationContext(Membership), nested, validateAllProperties: true);
        foreach (var result in nested)
        {
            yield return result;
        }
    }
}
