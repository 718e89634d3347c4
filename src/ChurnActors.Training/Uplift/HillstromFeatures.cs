namespace ChurnActors.Training.Uplift;

/// <summary>
/// The pre-treatment columns of the Hillstrom e-mail experiment that the uplift model learns from.
/// </summary>
/// <param name="Recency">Months since the last purchase.</param>
/// <param name="History">Dollars spent in the past year.</param>
/// <param name="Mens">Bought men's merchandise in the past year.</param>
/// <param name="Womens">Bought women's merchandise in the past year.</param>
/// <param name="ZipCode">Urban, Surburban or Rural (spelled as in the file).</param>
/// <param name="Newbie">New customer in the past twelve months.</param>
/// <param name="Channel">Phone, Web or Multichannel.</param>
public sealed record HillstromFeatures(int Recency, double History, bool Mens, bool Womens, string ZipCode, bool Newbie, string Channel);
