using ChurnActors.Domain.Features;
using ChurnActors.Domain.Scoring;

namespace ChurnActors.Storage.Models;

/// <summary>What a registration must satisfy: a snapshot the engine can score and an evaluation with real figures.</summary>
public static class RegistrationRules
{
    /// <summary>Throws <see cref="ModelRegistryException"/> unless the registration is acceptable.</summary>
    public static void Validate(ModelRegistration registration)
    {
        ArgumentNullException.ThrowIfNull(registration);
        ArgumentNullException.ThrowIfNull(registration.Snapshot);
        ArgumentNullException.ThrowIfNull(registration.Training);
        try
        {
            ModelSnapshotValidator.Validate(registration.Snapshot);
        }
        catch (InvalidModelSnapshotException ex)
        {
            throw new ModelRegistryException(ModelRegistryError.Invalid, ex.Message);
        }

        var expected = FeatureSchema.Features.Select(f => f.Name).ToArray();
        if (!registration.Snapshot.FeatureNames.SequenceEqual(expected, StringComparer.Ordinal))
        {
            throw new ModelRegistryException(ModelRegistryError.Invalid,
                $"Model {registration.Snapshot.Name} uses features [{string.Join(", ", registration.Snapshot.FeatureNames)}]; this engine " +
                $"computes feature schema version {FeatureSchema.Version}: [{string.Join(", ", expected)}]. Retrain it on the current schema.");
        }

        PromotionGate.Validate(registration.Evaluation);
    }

    /// <summary>The snapshot as the registry stores it: its Version replaced by the registry's version number.</summary>
    public static ModelSnapshot Versioned(ModelSnapshot snapshot, long version)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return snapshot with { Version = version.ToString(System.Globalization.CultureInfo.InvariantCulture) };
    }
}
