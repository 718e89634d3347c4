namespace ChurnActors.Storage.Audiences;

/// <summary>The operators of a field condition (their JSON names are camelCase: eq, ne, ..., notIn, between).</summary>
public enum AudienceOperator
{
    Eq = 0,
    Ne,
    Lt,
    Lte,
    Gt,
    Gte,
    In,
    NotIn,
    Between,
    Exists,
    Contains,
}
