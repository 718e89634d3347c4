using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ChurnActors.Silo.Console.Pages;

/// <summary>Opens a console session with an admin key; a wrong key is refused (401) and sets no session.</summary>
public sealed class LoginModel(ConsoleKeys keys, ILogger<LoginModel> logger) : PageModel
{
    public string? Error { get; private set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public bool AnyKeyConfigured => keys.AnyConfigured;

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync([FromForm] string? key)
    {
        if (!keys.IsAdmin(key))
        {
            ConsoleLog.LoginRefused(logger, HttpContext.Connection.RemoteIpAddress?.ToString() ?? "unknown");
            Error = string.IsNullOrEmpty(key)
                ? "Enter an admin key."
                : "That key is not an admin key of this host. Use a key from ChurnActors:Admin:Keys (CHURN_ADMIN_KEY); write and read keys do not open the console.";
            Response.StatusCode = StatusCodes.Status401Unauthorized;
            return Page();
        }

        var identity = new ClaimsIdentity(
            [new Claim(ConsoleAuthentication.KeyHashClaim, ConsoleKeys.Hash(key!)), new Claim(ClaimTypes.Name, "admin")],
            ConsoleAuthentication.SchemeName);
        await HttpContext.SignInAsync(ConsoleAuthentication.SchemeName, new ClaimsPrincipal(identity),
            new AuthenticationProperties { IsPersistent = false }).ConfigureAwait(false);
        ConsoleLog.LoggedIn(logger);
        return LocalRedirect(ReturnUrl is { } url && Url.IsLocalUrl(url) && url.StartsWith(ConsoleHosting.PathBase, StringComparison.OrdinalIgnoreCase)
            ? url
            : ConsoleHosting.PathBase);
    }
}
