using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace ChurnActors.Silo.Hosting;

/// <summary>
/// Binds an options section and checks it with its data annotations, whose messages name the setting
/// (<c>section:key</c>) and its allowed range.
/// </summary>
internal static class OptionsRegistration
{
    /// <summary>Bound from <paramref name="sectionName"/>, validated when the host starts (before it serves).</summary>
    public static OptionsBuilder<TOptions> AddValidatedOptions<TOptions>(this IServiceCollection services, string sectionName)
        where TOptions : class =>
        services.AddOptions<TOptions>().BindConfiguration(sectionName).ValidateDataAnnotations().ValidateOnStart();

    /// <summary>
    /// Binds and validates a section now, for settings the composition itself depends on (which pools and providers
    /// to register).
    /// </summary>
    /// <exception cref="InvalidOperationException">A setting is out of its range; the message names each one.</exception>
    public static TOptions Bind<TOptions>(IConfiguration configuration, string sectionName)
        where TOptions : class, new()
    {
        var options = configuration.GetSection(sectionName).Get<TOptions>() ?? new TOptions();
        var errors = new List<ValidationResult>();
        if (!Validator.TryValidateObject(options, new ValidationContext(options), errors, validateAllProperties: true))
        {
            throw new InvalidOperationException(string.Join(" ", errors.Select(e => e.ErrorMessage)));
        }

        return options;
    }
}
