using ChurnActors.Retention.Control;

namespace ChurnActors.Retention.Tests.Control;

public sealed class StableBucketTests
{
    // Golden values computed independently of .NET (Python hashlib: SHA-256 over UTF-8 of the parts joined by U+001F,
    // top 53 bits of the first 8 bytes big-endian, divided by 2^53). A change of hash, encoding or separator breaks
    // every installation's control groups and must fail here.
    [Theory]
    [InlineData("alice", 0.7624342748789161)]
    [InlineData("bob", 0.01883978517161733)]
    [InlineData("user-42", 0.9769575336525634)]
    [InlineData("ünïcode-客户", 0.7417794994442521)]
    public void Of_ReturnsTheDocumentedSha256Bucket_ForSaltAndKey(string key, double expected) =>
        Assert.Equal(expected, StableBucket.Of(ControlGroupOptions.DefaultSalt, key));

    [Theory]
    [InlineData("alice", 0.6077709767471956)]
    [InlineData("bob", 0.8447175370496913)]
    [InlineData("user-42", 0.16154194003757116)]
    [InlineData("ünïcode-客户", 0.6250292783340331)]
    public void Of_ReturnsTheDocumentedSha256Bucket_ForSaltScopeAndKey(string key, double expected) =>
        Assert.Equal(expected, StableBucket.Of(ControlGroupOptions.DefaultSalt, "winback", key));

    [Fact]
    public void Of_HashesLongKeys_WithoutTheStackBuffer()
    {
        var key = new string('k', 5000);

        var first = StableBucket.Of("salt", key);

        Assert.InRange(first, 0.0, 0.999999999);
        Assert.Equal(first, StableBucket.Of("salt", key));
        Assert.NotEqual(first, StableBucket.Of("salt", key + "x"));
    }

    [Fact]
    public void Of_GivesAnotherBucket_WhenTheSaltChanges() =>
        Assert.NotEqual(StableBucket.Of("salt-a", "alice"), StableBucket.Of("salt-b", "alice"));
}
