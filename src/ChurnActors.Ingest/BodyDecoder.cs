using System.IO.Compression;

namespace ChurnActors.Ingest;

/// <summary>
/// Turns a raw request body into JSON bytes: gzip is recognised by its magic bytes whatever the headers say,
/// and decompression stops at <see cref="IngestLimits.MaxBatchBytes"/> so a small bomb cannot fill memory.
/// </summary>
public static class BodyDecoder
{
    /// <summary>Returns the decoded body, or null when it exceeds the batch limit (decompressed).</summary>
    /// <exception cref="InvalidDataException">The body starts like gzip but is not valid gzip.</exception>
    public static byte[]? Decode(ReadOnlyMemory<byte> raw)
    {
        if (!IsGzip(raw.Span))
        {
            return raw.Length > IngestLimits.MaxBatchBytes ? null : raw.ToArray();
        }

        using var input = new MemoryStream(raw.ToArray(), writable: false);
        using var gzip = new GZipStream(input, CompressionMode.Decompress);
        using var output = new MemoryStream();
        var buffer = new byte[16 * 1024];
        int read;
        while ((read = gzip.Read(buffer, 0, buffer.Length)) > 0)
        {
            output.Write(buffer, 0, read);
            if (output.Length > IngestLimits.MaxBatchBytes)
            {
                return null;
            }
        }

        return output.ToArray();
    }

    public static bool IsGzip(ReadOnlySpan<byte> body) => body.Length >= 2 && body[0] == 0x1f && body[1] == 0x8b;
}
