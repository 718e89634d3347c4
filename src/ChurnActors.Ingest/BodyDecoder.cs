using System.IO.Compression;
using System.Runtime.InteropServices;

namespace ChurnActors.Ingest;

/// <summary>
/// Request bodies may be gzip: recognised by their magic bytes whatever the headers say, and inflated only up to
/// <see cref="IngestLimits.MaxBatchBytes"/> so a small bomb cannot fill memory.
/// </summary>
public static class BodyDecoder
{
    /// <summary>
    /// Decompresses a gzip body into a pooled buffer (the caller disposes it), or returns null when it exceeds the
    /// batch limit (decompressed).
    /// </summary>
    /// <exception cref="InvalidDataException">The body is not valid gzip.</exception>
    public static PooledBody? Inflate(ReadOnlyMemory<byte> gzipBody)
    {
        using var input = MemoryMarshal.TryGetArray(gzipBody, out var segment)
            ? new MemoryStream(segment.Array!, segment.Offset, segment.Count, writable: false)
            : new MemoryStream(gzipBody.ToArray(), writable: false);
        using var gzip = new GZipStream(input, CompressionMode.Decompress);
        var output = new PooledBody(Math.Min(IngestLimits.MaxBatchBytes + 1, Math.Max(16 * 1024, gzipBody.Length * 4)));
        try
        {
            int read;
            while ((read = gzip.Read(output.GetMemory(16 * 1024).Span)) > 0)
            {
                output.Advance(read);
                if (output.Length > IngestLimits.MaxBatchBytes)
                {
                    output.Dispose();
                    return null;
                }
            }

            return output;
        }
        catch
        {
            output.Dispose();
            throw;
        }
    }

    public static bool IsGzip(ReadOnlySpan<byte> body) => body.Length >= 2 && body[0] == 0x1f && body[1] == 0x8b;
}
