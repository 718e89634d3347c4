using System.Net.Http.Headers;
using System.Text;

namespace ChurnActors.Api.Tests;

/// <summary>Request bodies for tests.</summary>
internal static class Json
{
    public static StringContent Body(string json) => new(json, Encoding.UTF8, "application/json");

    public static ByteArrayContent Bytes(byte[] body, string contentType = "application/json")
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        return content;
    }

    public static string Id() => Guid.NewGuid().ToString("N");
}
