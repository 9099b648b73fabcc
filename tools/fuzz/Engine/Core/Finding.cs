using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Reflection;

namespace PiiGuard.Fuzzing;

/// <summary>What kind of defect a finding is.</summary>
public static class FindingKinds
{
    /// <summary>The generator threw (the compiler reports CS8785, or CS8784 when it failed to initialize).</summary>
    public const string GeneratorException = "generator-exception";

    /// <summary>An analyzer threw (the compiler reports AD0001).</summary>
    public const string AnalyzerException = "analyzer-exception";

    /// <summary>The analyzers' work on one input went past the bound of <c>WorkBound</c>: work that grows without bound.</summary>
    public const string UnboundedAnalysis = "unbounded-analysis";

    /// <summary>A run did not finish within the long tool's wall-clock safety nets (never used by the tests).</summary>
    public const string Timeout = "timeout";

    /// <summary>The generator emitted code that does not compile, for input that does.</summary>
    public const string GeneratedCodeError = "generated-code-error";

    /// <summary>A code fix provider threw while registering or computing its fix.</summary>
    public const string CodeFixException = "codefix-exception";

    /// <summary>A code fix turned the document into one with more syntax errors than it had.</summary>
    public const string CodeFixBrokeSyntax = "codefix-broke-syntax";

    /// <summary>The strict reader threw something other than <c>TelemetryFormatException</c>.</summary>
    public const string ReaderException = "reader-exception";

    /// <summary>A <c>TelemetryFormatException</c> message repeats a value planted in the body.</summary>
    public const string MessageEcho = "message-echo";

    /// <summary>A body the reader accepted does not write back, or reads back to something else.</summary>
    public const string RoundTrip = "round-trip";

    /// <summary>The harness itself failed on an input (Roslyn or the runtime threw outside PiiGuard's code).</summary>
    public const string HarnessException = "harness-exception";

    /// <summary>The process running an input died (a stack overflow, an exception on another thread): long campaigns only.</summary>
    public const string ProcessCrash = "process-crash";
}

/// <summary>
/// One defect found on one input: its kind, a message that says what happened, the stack where there is one, and
/// a signature that findings of the same defect share (the kind, the exception type and the first PiiGuard frames),
/// so that a campaign keeps one input per defect.
/// </summary>
public sealed record Finding(string Kind, string Message, string? Stack, string Signature)
{
    /// <summary>A finding for an exception: its signature is the kind, the exception type and its first PiiGuard frames.</summary>
    public static Finding FromException(string kind, Exception exception, string? context = null)
    {
        string message = (context is null ? "" : context + ": ") + exception.GetType().FullName + ": " + exception.Message;
        return new Finding(kind, message, exception.ToString(), kind + " " + exception.GetType().FullName + " at " + Frames(new StackTrace(exception, false)));
    }

    /// <summary>
    /// A finding for a stack captured where work went past a bound (no exception). Where exactly the bound is passed
    /// varies with the input, so the signature is the two outermost frames in PiiGuard's code: the analysis that ran away.
    /// </summary>
    public static Finding FromStack(string kind, string message, StackTrace stack)
    {
        List<string> own = stack.GetFrames().Select(f => f.GetMethod()).OfType<MethodBase>().Select(Name)
            .Where(IsOwn)
            .Reverse()
            .Distinct()
            .Take(2)
            .Reverse()
            .ToList();
        return new(kind, message, stack.ToString(), kind + " in " + string.Join(" < ", own));
    }

    /// <summary>A finding without a stack: <paramref name="signatureDetail"/> tells defects of this kind apart.</summary>
    public static Finding Of(string kind, string message, string signatureDetail) => new(kind, message, null, kind + " " + signatureDetail);

    /// <summary>
    /// A finding for a process that died: <paramref name="output"/> is what it wrote to its error stream, where the
    /// runtime prints the stack of a stack overflow or of an unhandled exception.
    /// </summary>
    public static Finding FromCrashOutput(string kind, string message, string output)
    {
        List<string> frames = output.Split('\n')
            .Select(line => line.Trim())
            .Where(line => line.StartsWith("at ", StringComparison.Ordinal))
            .Select(line => line.Substring(3).Split('(')[0].Trim())
            .ToList();
        string first = output.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0 && !l.StartsWith("at ", StringComparison.Ordinal)) ?? "";
        string what = first.StartsWith("Unhandled exception.", StringComparison.Ordinal) ? first.Split(':')[0] : first;
        return new Finding(kind, message + (what.Length > 0 ? ": " + what : ""), output, kind + " " + what + " at " + Frames(frames));
    }

    /// <summary>The first two frames in PiiGuard's own code (generated code as one name), else the first two frames.</summary>
    private static string Frames(StackTrace stack) =>
        Frames(stack.GetFrames().Select(f => f.GetMethod()).OfType<MethodBase>().Select(Name).ToList());

    private static string Frames(List<string> methods)
    {
        List<string> own = methods
            .Where(IsOwn)
            .Select(m => m.StartsWith("PiiGuard.Generated.", StringComparison.Ordinal) ? "PiiGuard.Generated (generated code)" : m)
            .Distinct()
            .Take(2)
            .ToList();
        return string.Join(" < ", own.Count > 0 ? own : methods.Take(2));
    }

    private static bool IsOwn(string method) =>
        method.StartsWith("PiiGuard.", StringComparison.Ordinal) && !method.StartsWith("PiiGuard.Fuzzing", StringComparison.Ordinal);

    private static string Name(MethodBase method)
    {
        string type = method.DeclaringType?.FullName ?? "?";

        // Lambdas (Type+<>c__DisplayClass.<Method>b__0) and state machines (Type+<Method>d__5.MoveNext): name the method they belong to.
        int nested = type.IndexOf("+<", StringComparison.Ordinal);
        if (nested < 0)
        {
            return type + "." + method.Name;
        }

        string owner = type.Substring(0, nested);
        string machine = type.Substring(nested + 2).Split('>')[0];
        string lambda = method.Name.StartsWith("<", StringComparison.Ordinal) ? method.Name.Substring(1).Split('>')[0] : "";
        return owner + "." + (machine.Length > 0 ? machine : lambda.Length > 0 ? lambda : method.Name);
    }
}
