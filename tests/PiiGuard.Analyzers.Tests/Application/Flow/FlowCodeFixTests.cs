using System.Threading.Tasks;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;
using PiiGuard.Analyzers.Flow;
using PiiGuard.Analyzers.Tests.Application.Stubs;
using PiiGuard.Analyzers.Tests.Verifiers;
using PiiGuard.CodeFixes;

namespace PiiGuard.Analyzers.Tests.Application.Flow;

/// <summary>The PII110 redactor fix (offered only with exactly one redactor in scope) and the PII111 fix.</summary>
public class FlowCodeFixTests
{
    private const string User = FlowSourceTests.User;

    [Fact]
    public Task Wraps_a_logged_value_and_the_personal_holes_of_an_interpolation_in_the_one_redactor_in_scope() =>
        VerifyAsync<RedactPersonalValueCodeFixProvider>(User + """
            public class Accounts
            {
                private readonly Redactor _redactor;
                private readonly ILogger _logger;

                public Accounts(Redactor redactor, ILogger logger)
                {
                    _redactor = redactor;
                    _logger = logger;
                }

                public void SignIn(User user)
                {
                    _logger.LogInformation("Signed in {Email}", {|PII110:user.Email|});
                    Console.WriteLine({|PII110:$"Plan {user.Plan} for {user.Email} ({user.DisplayName})"|});
                    Console.WriteLine({|PII110:"user " + user.Email|});
                }
            }
            """, User + """
            public class Accounts
            {
                private readonly Redactor _redactor;
                private readonly ILogger _logger;

                public Accounts(Redactor redactor, ILogger logger)
                {
                    _redactor = redactor;
                    _logger = logger;
                }

                public void SignIn(User user)
                {
                    _logger.LogInformation("Signed in {Email}", _redactor.Redact(user.Email));
                    Console.WriteLine($"Plan {user.Plan} for {_redactor.Redact(user.Email)} ({_redactor.Redact(user.DisplayName)})");
                    Console.WriteLine("user " + _redactor.Redact(user.Email));
                }
            }
            """);

    [Fact]
    public Task Wraps_a_member_another_method_stored_a_personal_value_in() =>
        VerifyAsync<RedactPersonalValueCodeFixProvider>(User + """
            public class Greeter(Redactor redactor, ILogger logger)
            {
                private string _email = "";

                public void Remember(User user) => _email = user.Email;

                public void Greet() => logger.LogInformation("Hello {Email}", {|PII110:_email|});
            }
            """, User + """
            public class Greeter(Redactor redactor, ILogger logger)
            {
                private string _email = "";

                public void Remember(User user) => _email = user.Email;

                public void Greet() => logger.LogInformation("Hello {Email}", redactor.Redact(_email));
            }
            """);

    [Fact]
    public Task Offers_nothing_without_a_redactor_with_two_or_for_a_telemetry_field() =>
        VerifyAsync<RedactPersonalValueCodeFixProvider>(User + """
            [TelemetryPayload]
            public class Usage { [TelemetryField] public string Plan { get; set; } = ""; }

            public class Accounts
            {
                public void None(User user) => Console.WriteLine({|PII110:user.Email|});

                public void Two(User user, Redactor first, Redactor second) => Console.WriteLine({|PII110:user.Email|});

                public Usage Stats(User user, Redactor redactor) => new Usage { Plan = {|PII110:user.Email|} };
            }
            """, null);

    [Fact]
    public Task Turns_SendDefaultPii_off() =>
        VerifyAsync<SendDefaultPiiOffCodeFixProvider>("""
            public class Setup
            {
                public void Configure() => SentrySdk.Init(options => { {|PII111:options.SendDefaultPii = true|}; });
            }
            """, """
            public class Setup
            {
                public void Configure() => SentrySdk.Init(options => { options.SendDefaultPii = false; });
            }
            """);

    private static Task VerifyAsync<TCodeFix>(string source, string? fixedSource)
        where TCodeFix : CodeFixProvider, new()
    {
        var test = new CSharpCodeFixTest<PersonalDataFlowAnalyzer, TCodeFix, DefaultVerifier>
        {
            TestCode = TestReferences.Usings + FlowVerifier.Usings + source,
            FixedCode = TestReferences.Usings + FlowVerifier.Usings + (fixedSource ?? source),
            ReferenceAssemblies = TestReferences.Net10,
            MarkupOptions = TestReferences.Markup,
        };
        // The batch state inherits the fixed state's sources (adding any would stop that).
        foreach (var state in new[] { test.TestState, test.FixedState })
        {
            state.Sources.Add(("Logging.cs", MicrosoftExtensionsLogging.Source));
            state.Sources.Add(("Compliance.cs", MicrosoftExtensionsCompliance.Source));
            state.Sources.Add(("Sentry.cs", Stubs.Sentry.Source));
            state.Sources.Add(("Http.cs", AspNetCoreHttp.Source));
        }

        test.TestState.AdditionalReferences.Add(TestReferences.PiiGuard);
        test.FixedState.AdditionalReferences.Add(TestReferences.PiiGuard);
        test.BatchFixedState.AdditionalReferences.Add(TestReferences.PiiGuard);

        if (fixedSource is null)
        {
            test.FixedState.MarkupHandling = MarkupMode.Allow;
            test.BatchFixedState.MarkupHandling = MarkupMode.Allow;
        }

        return test.RunAsync();
    }
}
