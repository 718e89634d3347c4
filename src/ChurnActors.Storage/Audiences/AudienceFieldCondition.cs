namespace ChurnActors.Storage.Audiences;

/// <summary>
/// A condition on one field of the projection, e.g. <c>{"field":"valueAtRisk","op":"gte","value":50}</c>. The values
/// are already checked and typed for the field: <see cref="string"/> for text, band and status fields, <see cref="double"/>
/// for numbers, <see cref="int"/> for counts and days, <see cref="decimal"/> for money, <see cref="DateTimeOffset"/> for
/// dates, <see cref="bool"/> for <c>exists</c>. One value for a comparison, two (low, high) for <c>between</c>, one or
/// more for <c>in</c> and <c>notIn</c>.
/// </summary>
public sealed record AudienceFieldCondition(AudienceFieldInfo Field, AudienceOperator Operator, IReadOnlyList<object> Values) : AudienceCondition;
