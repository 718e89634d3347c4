using ChurnActors.Silo.Console.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ChurnActors.Silo.Console.Pages;

/// <summary>
/// The at-risk list: scored customers ordered by probability, value at risk or latest band change, filtered by band,
/// top category and minimum probability, paged by keyset (the next page starts after the last row's sort value and
/// key), so a deep page costs what the first does.
/// </summary>
public sealed class CustomersModel(ConsoleReader reader) : PageModel
{
    [FromQuery(Name = "sort")]
    public string? SortParameter { get; set; }

    [FromQuery(Name = "band")]
    public string? BandParameter { get; set; }

    [FromQuery(Name = "category")]
    public string? CategoryParameter { get; set; }

    [FromQuery(Name = "min")]
    public double? MinParameter { get; set; }

    [FromQuery(Name = "after")]
    public string? AfterParameter { get; set; }

    [FromQuery(Name = "page-number")]
    public int? PageNumberParameter { get; set; }

    public AtRiskSort Sort { get; private set; }

    public string? Band { get; private set; }

    public string? Category { get; private set; }

    public double? MinProbability { get; private set; }

    public AtRiskCursor? After { get; private set; }

    /// <summary>The page's number, for display only (the cursor decides where it starts).</summary>
    public int PageNumber { get; private set; } = 1;

    public IReadOnlyList<string> Categories { get; private set; } = [];

    public AtRiskPage? List { get; private set; }

    public static string SortName(AtRiskSort sort) => sort switch
    {
        AtRiskSort.ValueAtRisk => "value",
        AtRiskSort.BandSince => "band-since",
        _ => "probability",
    };

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Sort = SortParameter switch
        {
            "value" => AtRiskSort.ValueAtRisk,
            "band-since" => AtRiskSort.BandSince,
            _ => AtRiskSort.Probability,
        };
        Band = Bands.Parse(BandParameter);
        Category = string.IsNullOrWhiteSpace(CategoryParameter) ? null : CategoryParameter;
        MinProbability = MinParameter is > 0 and <= 1 ? MinParameter : null;
        After = AtRiskCursor.Decode(AfterParameter);
        PageNumber = After is null ? 1 : Math.Max(2, PageNumberParameter ?? 2);
        if (!reader.Available)
        {
            return;
        }

        var categories = reader.TopCategoriesAsync(cancellationToken);
        List = await reader.AtRiskAsync(new AtRiskQuery(Sort, Band, Category, MinProbability, After), cancellationToken).ConfigureAwait(false);
        Categories = await categories.ConfigureAwait(false);
    }
}
