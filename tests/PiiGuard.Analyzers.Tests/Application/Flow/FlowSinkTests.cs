using System.Threading.Tasks;
using static PiiGuard.Analyzers.Tests.Application.Flow.FlowVerifier;

namespace PiiGuard.Analyzers.Tests.Application.Flow;

/// <summary>PII110: each kind of sink, and PII111.</summary>
public class FlowSinkTests
{
    private const string User = FlowSourceTests.User;

    [Fact]
    public Task Logger_extension_calls_are_sinks_one_diagnostic_per_argument_but_not_the_exception_argument() =>
        VerifyAsync(User + """
            public class Accounts
            {
                private readonly ILogger<Accounts> _logger;

                public Accounts(ILogger<Accounts> logger) => _logger = logger;

                public void SignIn(User user, Exception failure)
                {
                    _logger.LogInformation("Signed in {Email} as {Name}", {|#0:user.Email|}, {|#1:user.DisplayName|});
                    _logger.LogError(failure, "Sign-in failed for {Plan}", user.Plan);
                    _logger.LogWarning({|#2:$"Retry for {user.Email}"|});
                    using (_logger.BeginScope("user {Email}", {|#3:user.Email|}))
                    {
                        _logger.Log(LogLevel.Debug, "count {Count}", user.Email.Length);
                    }
                }
            }
            """,
            Diagnostic(Descriptors.PersonalDataToLog).WithLocation(0).WithArguments("user.Email", "classified Contact member 'User.Email'", "ILogger.LogInformation"),
            Diagnostic(Descriptors.PersonalDataToLog).WithLocation(1).WithArguments("user.DisplayName", "member 'User.DisplayName' of data subject 'User', named like identity or contact data", "ILogger.LogInformation"),
            Diagnostic(Descriptors.PersonalDataToLog).WithLocation(2).WithArguments("user.Email", "classified Contact member 'User.Email'", "ILogger.LogWarning"),
            Diagnostic(Descriptors.PersonalDataToLog).WithLocation(3).WithArguments("user.Email", "classified Contact member 'User.Email'", "ILogger.BeginScope"));

    [Fact]
    public Task ILogger_Log_is_a_sink_for_its_state() =>
        VerifyAsync(User + """
            public class Accounts
            {
                public void SignIn(ILogger logger, User user) =>
                    logger.Log(LogLevel.Information, new EventId(1), {|#0:user.Email|}, null, (state, _) => state);
            }
            """,
            Diagnostic(Descriptors.PersonalDataToLog).WithLocation(0).WithArguments("user.Email", "classified Contact member 'User.Email'", "ILogger.Log"));

    [Fact]
    public Task A_LoggerMessage_parameter_is_a_sink_unless_it_carries_a_classification_or_LogPropertyIgnore() =>
        VerifyAsync(User + """
            public sealed class PrivateDataAttribute : DataClassificationAttribute
            {
                public PrivateDataAttribute() : base(new DataClassification("app", "private")) { }
            }

            public static partial class Log
            {
                [LoggerMessage(1, LogLevel.Information, "Signed in {email}")]
                public static partial void SignedIn(ILogger logger, string email);

                [LoggerMessage(2, LogLevel.Information, "Signed in {email}")]
                public static partial void SignedInRedacted(ILogger logger, [PrivateData] string email);

                [LoggerMessage(3, LogLevel.Information, "Signed in {email}")]
                public static partial void SignedInIgnored(ILogger logger, [LogPropertyIgnore] string email);

                public static partial void SignedIn(ILogger logger, string email) { }
                public static partial void SignedInRedacted(ILogger logger, string email) { }
                public static partial void SignedInIgnored(ILogger logger, string email) { }
            }

            public class Accounts
            {
                public void SignIn(ILogger logger, User user)
                {
                    Log.SignedIn(logger, {|#0:user.Email|});
                    Log.SignedInRedacted(logger, user.Email);
                    Log.SignedInIgnored(logger, user.Email);
                }
            }
            """,
            Diagnostic(Descriptors.PersonalDataToLoggerMessage).WithLocation(0).WithArguments("user.Email", "classified Contact member 'User.Email'", "[LoggerMessage] method 'Log.SignedIn' (parameter 'email')"));

    [Fact]
    public Task Console_Debug_and_Trace_writes_are_sinks() =>
        VerifyAsync(User + """
            public class Diagnostics
            {
                public void Dump(User user)
                {
                    Console.Write({|#0:user.Email|});
                    Console.Error.WriteLine({|#1:user.Email|});
                    Console.Out.Write("{0}", {|#2:user.Email|});
                    Debug.WriteLine({|#3:user.Email|});
                    Trace.TraceWarning({|#4:user.Email|});
                    Trace.WriteLineIf(user.Email.Length > 3, {|#5:user.Email|});
                    Debug.Assert(user.Email.Length > 0);
                }
            }
            """,
            Diagnostic(Descriptors.PersonalDataToConsole).WithLocation(0).WithArguments("user.Email", "classified Contact member 'User.Email'", "Console.Write"),
            Diagnostic(Descriptors.PersonalDataToConsole).WithLocation(1).WithArguments("user.Email", "classified Contact member 'User.Email'", "Console.Error.WriteLine"),
            Diagnostic(Descriptors.PersonalDataToConsole).WithLocation(2).WithArguments("user.Email", "classified Contact member 'User.Email'", "Console.Out.Write"),
            Diagnostic(Descriptors.PersonalDataToConsole).WithLocation(3).WithArguments("user.Email", "classified Contact member 'User.Email'", "Debug.WriteLine"),
            Diagnostic(Descriptors.PersonalDataToConsole).WithLocation(4).WithArguments("user.Email", "classified Contact member 'User.Email'", "Trace.TraceWarning"),
            Diagnostic(Descriptors.PersonalDataToConsole).WithLocation(5).WithArguments("user.Email", "classified Contact member 'User.Email'", "Trace.WriteLineIf"));

    [Fact]
    public Task An_exceptions_message_is_a_sink_but_not_its_parameter_name() =>
        VerifyAsync(User + """
            public class Accounts
            {
                public void Check(User user)
                {
                    if (user.Email.Length == 0)
                    {
                        throw new InvalidOperationException({|#0:$"No e-mail address for {user.DisplayName}"|});
                    }

                    throw new ArgumentException("Unknown plan", user.Email);
                }
            }
            """,
            Diagnostic(Descriptors.PersonalDataToExceptionMessage).WithLocation(0).WithArguments("user.DisplayName", "member 'User.DisplayName' of data subject 'User', named like identity or contact data", "the message of a new InvalidOperationException"));

    [Fact]
    public Task Sentry_messages_scope_tags_extras_and_the_user_are_sinks_inside_ConfigureScope_lambdas_too_but_the_users_own_key_may_be_its_id() =>
        VerifyAsync(User + """
            public class Reporting
            {
                public void Report(User user, HttpContext context)
                {
                    SentrySdk.CaptureMessage({|#0:"Failed for " + user.Email|});
                    SentrySdk.ConfigureScope(scope =>
                    {
                        scope.SetTag("email", {|#1:user.Email|});
                        scope.SetExtra("agent", {|#2:context.Request.Headers.UserAgent|});
                        scope.SetTag("plan", user.Plan);
                        scope.User = new SentryUser { Id = user.Id.ToString(), Email = {|#3:user.Email|} };
                        scope.User.IpAddress = {|#4:context.Connection.RemoteIpAddress?.ToString()|};
                    });
                }
            }
            """,
            Diagnostic(Descriptors.PersonalDataToSentry).WithLocation(0).WithArguments("user.Email", "classified Contact member 'User.Email'", "Sentry's CaptureMessage"),
            Diagnostic(Descriptors.PersonalDataToSentry).WithLocation(1).WithArguments("user.Email", "classified Contact member 'User.Email'", "a Sentry scope tag (SetTag)"),
            Diagnostic(Descriptors.PersonalDataToSentry).WithLocation(2).WithArguments("context.Request.Headers.UserAgent", "the User-Agent request header", "a Sentry scope extra (SetExtra)"),
            Diagnostic(Descriptors.PersonalDataToSentry).WithLocation(3).WithArguments("user.Email", "classified Contact member 'User.Email'", "the Sentry user's Email"),
            Diagnostic(Descriptors.PersonalDataToSentry).WithLocation(4).WithArguments("context.Connection.RemoteIpAddress?.ToString(…)", "the client's IP address", "the Sentry user's IpAddress"));

    [Fact]
    public Task A_telemetry_field_is_a_sink_by_assignment_initializer_positional_record_and_property_initializer() =>
        VerifyAsync(User + """
            [TelemetryPayload]
            public class Usage
            {
                [TelemetryField] public string Plan { get; set; } = "";
                [TelemetryField] public int Jobs { get; set; }
                [TelemetryField] public string Host { get; set; } = {|#0:Environment.MachineName|};
            }

            [TelemetryPayload]
            public record Startup([property: TelemetryField] string Plan);

            public class Stats
            {
                public Usage Collect(User user)
                {
                    var usage = new Usage { Plan = {|#1:user.DisplayName|}, Jobs = user.DisplayName.Length };
                    usage.Plan = {|#2:user.Email|};
                    usage.Plan = user.Plan;
                    _ = new Startup({|#3:user.Email|});
                    return usage;
                }
            }
            """,
            Diagnostic(Descriptors.PersonalDataToTelemetry).WithLocation(0).WithArguments("Environment.MachineName", "the machine's name", "telemetry field 'Usage.Host'"),
            Diagnostic(Descriptors.PersonalDataToTelemetry).WithLocation(1).WithArguments("user.DisplayName", "member 'User.DisplayName' of data subject 'User', named like identity or contact data", "telemetry field 'Usage.Plan'"),
            Diagnostic(Descriptors.PersonalDataToTelemetry).WithLocation(2).WithArguments("user.Email", "classified Contact member 'User.Email'", "telemetry field 'Usage.Plan'"),
            Diagnostic(Descriptors.PersonalDataToTelemetry).WithLocation(3).WithArguments("user.Email", "classified Contact member 'User.Email'", "telemetry field 'Startup.Plan'"));

    [Fact]
    public Task SendDefaultPii_true_is_PII111_in_an_assignment_an_initializer_and_a_subclass_but_not_false_or_a_variable() =>
        VerifyAsync("""
            public class Setup
            {
                public void Configure(bool fromConfig)
                {
                    SentrySdk.Init(options =>
                    {
                        options.Dsn = "https://key@example.invalid/1";
                        {|#0:options.SendDefaultPii = true|};
                    });
                    var aspNet = new Sentry.AspNetCore.SentryAspNetCoreOptions { {|#1:SendDefaultPii = true|} };
                    var off = new SentryOptions { SendDefaultPii = false };
                    var configured = new SentryOptions { SendDefaultPii = fromConfig };
                }
            }
            """,
            Diagnostic(Descriptors.SentrySendDefaultPii).WithLocation(0).WithArguments("SentryOptions"),
            Diagnostic(Descriptors.SentrySendDefaultPii).WithLocation(1).WithArguments("SentryAspNetCoreOptions"));
}
