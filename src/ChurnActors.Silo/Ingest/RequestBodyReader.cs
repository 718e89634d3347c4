using ChurnActors.Ingest;

namespace ChurnActors.Silo.Ingest;

/// <summary>Reads a request body into memory, refusing to read past a limit.</summary>
public static class RequestBodyReader
{
    private const int ReadSize = 16 * 1024;

    /// <summary>
    /// The body in a pooled buffer the caller disposes, or null when it is longer than <paramref name="limit"/> bytes.
    /// </summary>
    /// <param name="expectedLength">The declared Content-Length, if any: sizes the buffer so it is filled without copying.</param>
    public static async Task<PooledBody?> ReadAsync(Stream body, int limit, long? expectedLength, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        // One byte more than the limit, so an over-long body is noticed without a second buffer.
        var buffer = new PooledBody(expectedLength is { } declared and >= 0 ? (int)Math.Min(declared + 1, limit + 1L) : ReadSize);
        try
        {
            int read;
            while ((read = await body.ReadAsync(buffer.GetMemory(1), cancellationToken).ConfigureAwait(false)) > 0)
            {
                buffer.Advance(read);
                if (buffer.Length > limit)
                {
                    buffer.Dispose();
                    return null;
                }
            }

            return buffer;
        }
        catch
        {
            buffer.Dispose();
            throw;
        }
    }
}
