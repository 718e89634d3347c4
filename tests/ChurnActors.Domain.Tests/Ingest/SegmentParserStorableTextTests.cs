using System.Text;
using ChurnActors.Domain.Events;
using ChurnActors.Ingest;

namespace ChurnActors.Domain.Tests.Ingest;

/// <summary>
/// Input the event store cannot keep is refused by the parser with a problem naming the message and the field, so it
/// never joins (and fails) a commit beside other requests.
/// </summary>
public sealed class SegmentParserStorableTextTests
{
    private static readonly DateTimeOffset ReceivedAt = new(2026, 11, 29, 10, 0, 0, TimeSpan.Zero);

    /// <summary>Where a JSON text says <c>@BAD@</c>, the body carries bytes that are not UTF-8 (a lead byte and a non-continuation).</summary>
    private static byte[] WithInvalidUtf8(string json)
    {
        var parts = json.Split("@BAD@");
        var bytes = new List<byte>();
        for (var i = 0; i < parts.Length; i++)
        {
            if (i > 0)
            {
                bytes.AddRange([0xC3, 0x28, 0xFF]);
            }

            bytes.AddRange(Encoding.UTF8.GetBytes(parts[i]));
        }

        return [.. bytes];
    }

    private static SegmentParseResult Parse(byte[] body, CallType? call = null) => SegmentParser.Parse(body, call, ReceivedAt);

    private static SegmentParseResult Parse(string json, CallType? call = null) => Parse(Encoding.UTF8.GetBytes(json), call);

    private static IngestProblem SingleProblem(SegmentParseResult result)
    {
        Assert.False(result.IsValid);
        Assert.Empty(result.Events);
        return Assert.Single(result.Problems);
    }

    [Fact]
    public void Parse_RefusesTheMessage_WhenUserIdIsNotUtf8()
    {
        var result = Parse(WithInvalidUtf8("""
            {"batch":[{"type":"track","userId":"u1","event":"Order Completed","messageId":"m0"},
                      {"type":"track","userId":"u@BAD@2","event":"Order Completed","messageId":"m1"}]}
            """));

        var problem = SingleProblem(result);
        Assert.Equal((IngestProblemKind.Invalid, 1, "userId"), (problem.Kind, problem.Index, problem.Field));
        Assert.Contains("not valid UTF-8", problem.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_NamesThePathOfTheValue_WhenAProductPropertyIsNotUtf8()
    {
        var result = Parse(WithInvalidUtf8("""
            {"batch":[{"type":"track","userId":"u1","event":"Order Completed","messageId":"m1",
                       "properties":{"order_id":"o1","products":[{"product_id":"p1"},{"product_id":"p2","name":"Caf@BAD@"}]}}]}
            """));

        var problem = SingleProblem(result);
        Assert.Equal((0, "properties.products[1].name"), (problem.Index, problem.Field));
    }

    [Fact]
    public void Parse_RefusesTheMessage_WhenAPropertyNameIsNotUtf8()
    {
        var result = Parse(WithInvalidUtf8("""
            {"batch":[{"type":"track","userId":"u1","event":"Viewed","messageId":"m1","properties":{"col@BAD@or":"red"}}]}
            """));

        var problem = SingleProblem(result);
        Assert.Equal(0, problem.Index);
        Assert.StartsWith("properties.col\uFFFD", problem.Field, StringComparison.Ordinal);
        Assert.Contains("property name", problem.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_RefusesTheMessage_WhenANestedKeyIsNotUtf8()
    {
        var result = Parse(WithInvalidUtf8("""
            {"type":"identify","userId":"u1","traits":{"address":{"str@BAD@":"Main St 1"}},"context":{"ip":"10.0.0.1"}}
            """), CallType.Identify);

        var problem = SingleProblem(result);
        Assert.Null(problem.Index);
        Assert.StartsWith("traits.address.str\uFFFD", problem.Field, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ReportsEveryMessageAtFault_WhenSeveralAreNotUtf8()
    {
        var result = Parse(WithInvalidUtf8("""
            {"batch":[{"type":"page","anonymousId":"a@BAD@1"},{"type":"page","anonymousId":"a2"},
                      {"type":"page","anonymousId":"a3","context":{"page":{"title":"@BAD@"}}}]}
            """));

        Assert.Empty(result.Events);
        Assert.Equal([(0, "anonymousId"), (2, "context.page.title")], result.Problems.Select(p => (p.Index!.Value, p.Field)));
    }

    [Fact]
    public void Parse_RefusesTheBodyWithoutReadingItsKey_WhenTheWriteKeyIsNotUtf8()
    {
        var result = Parse(WithInvalidUtf8("""{"writeKey":"k@BAD@","batch":[{"type":"page","anonymousId":"a1"}]}"""));

        var problem = SingleProblem(result);
        Assert.Null(result.BodyWriteKey);
        Assert.Equal((IngestProblemKind.Malformed, null, "writeKey"), (problem.Kind, problem.Index, problem.Field));
    }

    [Fact]
    public void Parse_RefusesTheCallAsMalformed_WhenASingleCallsWriteKeyIsNotUtf8()
    {
        var result = Parse(WithInvalidUtf8("""{"writeKey":"k@BAD@","userId":"u1","event":"Signed Up"}"""), CallType.Track);

        var problem = SingleProblem(result);
        Assert.Null(result.BodyWriteKey);
        Assert.Equal((IngestProblemKind.Malformed, null, "writeKey"), (problem.Kind, problem.Index, problem.Field));
    }

    [Fact]
    public void Parse_KeepsTheWriteKey_WhenOnlyAMessageIsNotUtf8()
    {
        var result = Parse(WithInvalidUtf8("""{"writeKey":"wk1","batch":[{"type":"page","anonymousId":"a@BAD@"}]}"""));

        Assert.Equal("wk1", result.BodyWriteKey);
        Assert.Equal(0, SingleProblem(result).Index);
    }

    [Theory]
    [InlineData("""{"batch":[{"type":"track","userId":"u\u0000","event":"Signed Up"}]}""", "userId")]
    [InlineData("""{"batch":[{"type":"track","userId":"u1","event":"Sign\u0000ed Up"}]}""", "event")]
    [InlineData("""{"batch":[{"type":"track","userId":"u1","event":"Signed Up","properties":{"plan":"pro\u0000"}}]}""", "properties.plan")]
    [InlineData("""{"batch":[{"type":"track","userId":"u1","event":"Signed Up","properties":{"pl\u0000an":"pro"}}]}""", "properties.pl\\u0000an")]
    public void Parse_RefusesTheMessage_WhenTextHoldsANulCharacter(string json, string field)
    {
        var problem = SingleProblem(Parse(json));

        Assert.Equal((IngestProblemKind.Invalid, 0, field), (problem.Kind, problem.Index, problem.Field));
        Assert.Contains("NUL", problem.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"batch":[{"type":"track","userId":"\ud800","event":"Signed Up"}]}""", "userId")]
    [InlineData("""{"batch":[{"type":"track","userId":"u1","event":"Signed Up","properties":{"emoji":"\uDE00\uD83D"}}]}""", "properties.emoji")]
    [InlineData("""{"batch":[{"type":"track","userId":"u1","event":"Signed Up","properties":{"x":["ok","\uD83Dx"]}}]}""", "properties.x[1]")]
    public void Parse_RefusesTheMessage_WhenAnEscapeIsALoneSurrogate(string json, string field)
    {
        var problem = SingleProblem(Parse(json));

        Assert.Equal((0, field), (problem.Index, problem.Field));
        Assert.Contains("surrogate pair", problem.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ReportsTheNamesAsSent_WhenPropertyNamesHoldLoneSurrogates()
    {
        var result = Parse("""
            {"writeKey":"wk1","writeK\ud800ey":"x","batch":[{"type":"page","userI\udc00d":"u1","anonymousId":"a1"}]}
            """);

        Assert.Equal("wk1", result.BodyWriteKey);
        Assert.Equal(
            [(IngestProblemKind.Malformed, null, "writeK\\ud800ey"), (IngestProblemKind.Invalid, (int?)0, "userI\\udc00d")],
            result.Problems.Select(p => (p.Kind, p.Index, p.Field)));
    }

    [Fact]
    public void Parse_AcceptsEscapes_WhenTheyAreCharactersOrEscapedBackslashes()
    {
        var result = Parse("""
            {"batch":[{"type":"track","userId":"\uD83D\uDE00 caf\u00e9","event":"Signed Up",
                       "properties":{"path":"C:\\u0000\\x","quote":"\"\\"}}]}
            """);

        Assert.True(result.IsValid, string.Join("; ", result.Problems.Select(p => p.Detail)));
        Assert.Equal("😀 café", Assert.Single(result.Events).Event.UserId);
    }

    [Fact]
    public void Parse_RefusesTheMessage_WhenClockSkewMovesTheTimestampOutOfRange()
    {
        var result = Parse("""
            {"batch":[{"type":"track","userId":"u1","event":"Signed Up",
                       "timestamp":"9999-12-31T00:00:00Z","sentAt":"2000-01-01T00:00:00Z"}]}
            """);

        var problem = SingleProblem(result);
        Assert.Equal((0, "timestamp"), (problem.Index, problem.Field));
    }

    [Theory]
    [InlineData("""{"products":[{"price":70000000000000000000000000000,"quantity":3}]}""")]
    [InlineData("""{"products":[{"price":12.5,"quantity":1},{"price":-1000000000000001}]}""")]
    [InlineData("""{"revenue":"1000000000000000.01"}""")]
    public void Parse_RefusesTheMessage_WhenAnAmountIsBeyondWhatCustomerSumsCanHold(string properties)
    {
        var result = Parse($$"""{"batch":[{"type":"track","userId":"u1","event":"Order Completed","properties":{{properties}}}]}""");

        var problem = SingleProblem(result);
        Assert.Equal((0, "properties"), (problem.Index, problem.Field));
    }

    [Fact]
    public void Parse_AcceptsTheLargestAmount_WhenItIsExactlyTheLimit()
    {
        var result = Parse("""{"batch":[{"type":"track","userId":"u1","event":"Order Completed","properties":{"revenue":1000000000000000}}]}""");

        Assert.Equal(IngestLimits.MaxAmount, Assert.Single(result.Events).Event.Commerce.Amount);
    }

    [Fact]
    public void Parse_RefusesTheMessage_WhenAnIdIsLongerThanTheStoreCanIndex()
    {
        var longId = new string('a', IngestLimits.MaxIdBytes + 1);
        var result = Parse($$"""{"batch":[{"type":"page","userId":"u1","anonymousId":"{{longId}}"}]}""");

        var problem = SingleProblem(result);
        Assert.Equal((0, "anonymousId"), (problem.Index, problem.Field));
        Assert.Single(Parse($$"""{"batch":[{"type":"page","anonymousId":"{{longId[1..]}}"}]}""").Events);
    }
}
