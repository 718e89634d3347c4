namespace ChurnActors.Retention.Policy;

/// <summary>The decisions for candidates evaluated together, and the states after the sends among them.</summary>
/// <param name="Decisions">One decision per candidate, in the order the candidates were given.</param>
/// <param name="State">The customer's contact state with every <c>Send</c> recorded and old contacts pruned.</param>
/// <param name="Budget">The offer budget state with every sent offer debited.</param>
public sealed record ContactEvaluation(IReadOnlyList<ContactDecision> Decisions, CustomerContactState State, OfferBudgetState Budget);
