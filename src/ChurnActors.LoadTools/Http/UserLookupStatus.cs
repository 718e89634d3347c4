namespace ChurnActors.LoadTools.Http;

public enum UserLookupStatus
{
    Found,
    NotFound,

    /// <summary>401/403: the write key is not accepted; polling again will not help.</summary>
    Rejected,

    /// <summary>Any other failure (5xx, transport error, unreadable body); polling again may help.</summary>
    Failed,
}
