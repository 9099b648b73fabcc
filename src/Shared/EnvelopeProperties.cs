// The submission envelope's property names, defined once: the runtime (assembly PiiGuard) writes and reads them, the
// generator documents them in every payload's schema docs, and the model builder keeps a payload's root fields from
// taking them. Linked into each as an internal type.
#if PIIGUARD_RUNTIME
namespace PiiGuard.Serialization;
#else
namespace PiiGuard.Shared;
#endif

/// <summary>
/// The properties a submission carries beside the payload's own, in the payload's root object:
/// <c>{"schema_version":"1.0","submission_timestamp":"2024-11-20T12:00:00Z",…}</c>.
/// </summary>
internal static class EnvelopeProperties
{
    /// <summary>The payload's declared schema version.</summary>
    public const string SchemaVersion = "schema_version";

    /// <summary>The hour of sending, never finer.</summary>
    public const string SubmissionTimestamp = "submission_timestamp";
#if PIIGUARD_RUNTIME

    /// <summary><see cref="SchemaVersion"/> in UTF-8, for the reader and the writer.</summary>
    public static readonly byte[] SchemaVersionUtf8 = System.Text.Encoding.UTF8.GetBytes(SchemaVersion);

    /// <summary><see cref="SubmissionTimestamp"/> in UTF-8, for the reader and the writer.</summary>
    public static readonly byte[] SubmissionTimestampUtf8 = System.Text.Encoding.UTF8.GetBytes(SubmissionTimestamp);
#endif
}
