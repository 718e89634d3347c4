using System.Text;
using ChurnActors.Storage.EventLog;
using Npgsql;

namespace ChurnActors.Storage.Tests;

/// <summary>
/// Which commit failures the writer blames on a request's data (that request gets 400, the rest of its group is
/// committed) and which on the database (the whole group gets 503 and retries).
/// </summary>
public sealed class CommitFailureTests
{
    [Theory]
    [InlineData("22021")] // character not in repertoire: NUL or bytes that are not UTF-8 in text
    [InlineData("22P02")] // invalid text representation
    [InlineData("22003")] // numeric value out of range
    [InlineData("22008")] // datetime field overflow
    [InlineData("23502")] // not-null violation
    [InlineData("23514")] // check violation
    [InlineData("54000")] // program limit exceeded: a value too long for an index entry
    public void IsDataError_BlamesTheRequest_WhenPostgreSqlRefusesItsValues(string sqlState)
    {
        Assert.True(CommitFailure.IsDataError(new PostgresException("refused", "ERROR", "ERROR", sqlState)));
    }

    [Theory]
    [InlineData("23505")] // unique violation: the writer drops the events already logged and retries
    [InlineData("57P01")] // admin shutdown
    [InlineData("57014")] // query cancelled (statement timeout)
    [InlineData("08006")] // connection failure
    [InlineData("53100")] // disk full
    [InlineData("53200")] // out of memory
    [InlineData("40001")] // serialization failure
    [InlineData("40P01")] // deadlock
    [InlineData("25P02")] // in failed transaction
    [InlineData("XX000")] // internal error
    public void IsDataError_BlamesTheDatabase_WhenTheFailureIsNotTheValues(string sqlState)
    {
        Assert.False(CommitFailure.IsDataError(new PostgresException("failed", "FATAL", "FATAL", sqlState)));
    }

    [Fact]
    public void IsDataError_BlamesTheRequest_WhenNpgsqlCannotEncodeItsText()
    {
        Assert.True(CommitFailure.IsDataError(new EncoderFallbackException("lone surrogate")));
    }

    [Fact]
    public void IsDataError_BlamesTheDatabase_WhenTheConnectionFails()
    {
        Assert.False(CommitFailure.IsDataError(new NpgsqlException("Exception while reading from stream", new IOException("reset"))));
        Assert.False(CommitFailure.IsDataError(new TimeoutException()));
        Assert.False(CommitFailure.IsDataError(new InvalidOperationException("Connection is not open")));
    }
}
