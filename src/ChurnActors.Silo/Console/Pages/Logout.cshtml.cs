using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ChurnActors.Silo.Console.Pages;

/// <summary>Ends the console session (a POST with the anti-forgery token, like every form of the console).</summary>
public sealed class LogoutModel : PageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await HttpContext.SignOutAsync(ConsoleAuthentication.SchemeName).ConfigureAwait(false);
        return LocalRedirect(ConsoleHosting.PathBase + "/login");
    }
}
