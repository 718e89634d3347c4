using Microsoft.Extensions.Options;

namespace ChurnActors.Silo.Retention.Delivery;

/// <summary>Checks every endpoint at start, with messages that name the setting to fix.</summary>
public sealed class WebhookEndpointsValidator : IValidateOptions<WebhookEndpointsOptions>
{
    public ValidateOptionsResult Validate(string? name, WebhookEndpointsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        foreach (var (endpointName, endpoint) in options.Endpoints)
        {
            var key = $"{WebhookEndpointsOptions.SectionName}:{endpointName}";
            if (!Uri.TryCreate(endpoint.Url, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
            {
                failures.Add($"{key}:Url must be an absolute http or https URL (e.g. https://crm.example.com/hooks/churn); it is '{endpoint.Url}'.");
            }

            if (string.IsNullOrWhiteSpace(endpoint.Secret) || endpoint.Secret.Length < WebhookEndpointsOptions.MinSecretLength)
            {
                failures.Add(
                    $"{key}:Secret must be set to a random string of at least {WebhookEndpointsOptions.MinSecretLength} characters " +
                    "(e.g. the output of `openssl rand -hex 32`), shared with the receiver, which verifies X-ChurnActors-Signature with it.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
