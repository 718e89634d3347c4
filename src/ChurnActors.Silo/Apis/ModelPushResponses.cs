using ChurnActors.Abstractions;
using ChurnActors.Api.Contracts;

namespace ChurnActors.Silo.Apis;

/// <summary>Maps the model coordinator's push report onto the <c>push</c> block of a promotion's answer.</summary>
public static class ModelPushResponses
{
    public static ModelPushResponse ToResponse(this ModelPushReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return new ModelPushResponse
        {
            Name = report.Name,
            Version = report.Version,
            Silos = [.. report.Silos.Select(silo => new SiloPushResponse
            {
                Silo = silo.Silo,
                Succeeded = silo.Succeeded,
                Attempts = silo.Attempts,
                Elapsed = silo.Elapsed,
                Error = silo.Error,
            })],
            Elapsed = report.Elapsed,
        };
    }
}
