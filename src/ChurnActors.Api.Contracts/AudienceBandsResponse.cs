namespace ChurnActors.Api.Contracts;

/// <summary>An audience's members per risk band; <see cref="None"/> counts the members without a band (not scored yet).</summary>
public sealed record AudienceBandsResponse(long Low, long Medium, long High, long None);
