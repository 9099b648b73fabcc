using System;
using System.Collections.Generic;
using System.Linq;

namespace PiiGuard.Fuzzing.Bodies;

/// <summary>What one body did: whether the reader accepted it, and the defect it showed, if any.</summary>
public sealed record BodyOutcome(bool Accepted, Finding? Finding);

/// <summary>
/// Runs one body through a shape's strict reader. A defect is: any exception but <see cref="TelemetryFormatException"/>;
/// a <see cref="TelemetryFormatException"/> whose message repeats a planted value; an accepted body whose value does
/// not write back, or writes back to bytes that read and write back to other bytes (the round trip).
/// </summary>
public static class BodyHarness
{
    /// <summary>How many characters of a planted value an error message may not repeat.</summary>
    public const int EchoWindow = 8;

    /// <summary>Reads <paramref name="body"/> as <paramref name="shape"/> and checks what happens.</summary>
    public static BodyOutcome Run(BodyShape shape, byte[] body, IReadOnlyList<string> planted)
    {
        object value;
        try
        {
            value = shape.Read(body);
        }
        catch (TelemetryFormatException exception)
        {
            return new BodyOutcome(false, Echo(shape, exception, planted));
        }
        catch (Exception exception)
        {
            return new BodyOutcome(false, Finding.FromException(FindingKinds.ReaderException, exception, shape.Name));
        }

        return new BodyOutcome(true, RoundTrip(shape, value));
    }

    private static Finding? Echo(BodyShape shape, TelemetryFormatException exception, IReadOnlyList<string> planted)
    {
        foreach (string value in planted)
        {
            for (int start = 0; start + EchoWindow <= value.Length; start++)
            {
                string window = value.Substring(start, EchoWindow);
                if (exception.Message.Contains(window, StringComparison.Ordinal))
                {
                    // The same problem at the same kind of path is the same defect, whatever the planted value and indexes.
                    string problem = new string(exception.Problem.Replace(value, "<planted>", StringComparison.Ordinal).Select(c => char.IsAsciiDigit(c) ? '#' : c).ToArray());
                    return Finding.Of(
                        FindingKinds.MessageEcho,
                        $"{shape.Name}: the message repeats the planted value '{value}': {exception.Message}",
                        shape.Name + " " + problem);
                }
            }
        }

        return null;
    }

    private static Finding? RoundTrip(BodyShape shape, object value)
    {
        byte[] written;
        byte[] again;
        try
        {
            // The size bound is not the round trip's business: a body within it can write back longer (1e2 as 100).
            written = shape.Write(value);
            again = shape.Write(shape.Read(written, int.MaxValue));
        }
        catch (Exception exception)
        {
            return Finding.FromException(FindingKinds.RoundTrip, exception, shape.Name + ": an accepted body does not write back and read back");
        }

        return written.AsSpan().SequenceEqual(again)
            ? null
            : Finding.Of(FindingKinds.RoundTrip, shape.Name + ": an accepted body reads back to another value", shape.Name + " value changed");
    }
}
