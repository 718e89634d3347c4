using System.Text.Json;
using ChurnActors.Retention.Playbooks;

namespace ChurnActors.Retention.Campaigns;

/// <summary>
/// A campaign: an audience (a filter over the score projection, kept as the JSON it was given and checked by the
/// audience reader), an action personalised per customer as a playbook step's, the channel the contact policy counts
/// it on, a priority, a holdout share, how its outcome is measured and when it runs. Read and checked by
/// <see cref="CampaignReader"/>; written by <see cref="CampaignJson"/>.
/// </summary>
public sealed record CampaignDefinition
{
    /// <summary>The default share of the audience kept as the campaign's holdout.</summary>
    public const double DefaultHoldout = 0.10;

    /// <summary>The largest holdout a campaign may set.</summary>
    public const double MaxHoldout = 0.5;

    /// <summary>A slug: lower-case letters, digits and single hyphens, 1 to 64 characters, starting with a letter.</summary>
    public required string Id { get; init; }

    public required string Name { get; init; }

    /// <summary>The audience filter, e.g. <c>{"all":[{"field":"band","op":"eq","value":"high"}]}</c>.</summary>
    public required JsonElement Audience { get; init; }

    public required PlaybookAction Action { get; init; }

    /// <summary>The channel frequency caps and quiet-hour exemptions count the contact on; <c>email</c> by default.</summary>
    public string Channel { get; init; } = PlaybookStep.DefaultChannel;

    /// <summary>When the contact policy lets only some contacts through, the higher priority goes first.</summary>
    public int Priority { get; init; }

    /// <summary>The share of the audience kept as control (0 to <see cref="MaxHoldout"/>).</summary>
    public double Holdout { get; init; } = DefaultHoldout;

    public CampaignOutcome Outcome { get; init; } = new();

    public CampaignSchedule Schedule { get; init; } = CampaignSchedule.Now;
}
