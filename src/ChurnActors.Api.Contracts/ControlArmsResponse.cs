namespace ChurnActors.Api.Contracts;

/// <summary>The control arm split by reason: customers in the global control group, and those in the playbook's holdout.</summary>
public sealed record ControlArmsResponse(ResultArmResponse Global, ResultArmResponse Holdout);
