using System.Threading.Tasks;
using static PiiGuard.Analyzers.Tests.Application.Flow.FlowVerifier;

namespace PiiGuard.Analyzers.Tests.Application.Flow;

/// <summary>
/// PII110 between bodies through the members of the compilation: a field or property that one method, constructor or
/// initializer stores a personal value in is personal where another method reads it, and the message says where the
/// value came from and where it was kept.
/// </summary>
public class FlowStorageTests
{
    private const string User = FlowSourceTests.User;

    private const string Stored = "classified Contact member 'User.Email', stored in ";

    [Fact]
    public Task A_field_stored_in_one_method_is_personal_where_another_reads_it() =>
        VerifyAsync(User + """
            public class Greeter
            {
                private string _email = "";
                private readonly ILogger _logger;

                public Greeter(ILogger logger) => _logger = logger;

                public void Remember(User user)
                {
                    string email = user.Email;
                    _email = email;
                }

                public void Greet()
                {
                    _logger.LogInformation("Hello {Email}", {|#0:_email|});
                    string copy = _email.Trim();
                    Console.WriteLine({|#1:copy|});
                    Console.WriteLine(_email.Length);
                }
            }
            """,
            Diagnostic(Descriptors.PersonalDataToLog).WithLocation(0).WithArguments("_email", Stored + "'Greeter._email'", "ILogger.LogInformation"),
            Diagnostic(Descriptors.PersonalDataToConsole).WithLocation(1).WithArguments("copy", Stored + "'Greeter._email'", "Console.WriteLine"));

    [Fact]
    public Task Properties_set_by_a_constructor_an_initializer_or_an_object_initializer_elsewhere_are_personal_too() =>
        VerifyAsync(User + """
            public class Session
            {
                public Session(User user) => Email = user.Email;

                public string Email { get; }

                public string Host { get; } = Environment.MachineName;

                public void Log(ILogger logger)
                {
                    logger.LogInformation("{Email} on {Host}", {|#0:Email|}, {|#1:Host|});
                }
            }

            public class Envelope
            {
                public string To { get; set; } = "";
                public string Kind { get; set; } = "";
            }

            public class Mailer
            {
                public Envelope Address(User user) => new Envelope { To = user.Email, Kind = "welcome" };

                public void Send(Envelope envelope)
                {
                    Console.WriteLine({|#2:envelope.To|});
                    Console.WriteLine(envelope.Kind);
                }
            }
            """,
            Diagnostic(Descriptors.PersonalDataToLog).WithLocation(0).WithArguments("Email", Stored + "'Session.Email'", "ILogger.LogInformation"),
            Diagnostic(Descriptors.PersonalDataToLog).WithLocation(1).WithArguments("Host", "the machine's name, stored in 'Session.Host'", "ILogger.LogInformation"),
            Diagnostic(Descriptors.PersonalDataToConsole).WithLocation(2).WithArguments("envelope.To", Stored + "'Envelope.To'", "Console.WriteLine"));

    [Fact]
    public Task A_collection_filled_in_one_method_is_personal_where_another_reads_it() =>
        VerifyAsync(User + """
            public class Audit
            {
                private readonly List<string> _seen = new();
                private readonly string[] _last = new string[1];

                public void See(User user)
                {
                    _seen.Add(user.Email);
                    _last[0] = $"{user.Email}";
                }

                public void Dump()
                {
                    Console.WriteLine({|#0:string.Join(", ", _seen)|});
                    Console.WriteLine({|#1:_last[0]|});
                    Console.WriteLine(_seen.Count);
                }
            }
            """,
            Diagnostic(Descriptors.PersonalDataToConsole).WithLocation(0).WithArguments("String.Join(…)", Stored + "'Audit._seen'", "Console.WriteLine"),
            Diagnostic(Descriptors.PersonalDataToConsole).WithLocation(1).WithArguments("_last", Stored + "'Audit._last'", "Console.WriteLine"));

    [Fact]
    public Task What_a_constructor_or_method_stores_from_its_parameters_holds_what_its_callers_pass() =>
        VerifyAsync(User + """
            public record Registered(string Email, int Attempts);

            public class Session
            {
                private readonly string _email;
                private string _note = "";

                public Session(string email) => _email = email;

                public void Note(string note) => _note = note;

                public void Log(ILogger logger) => logger.LogInformation("{Email} {Note}", {|#0:_email|}, {|#1:_note|});
            }

            public class Greeting(string name)
            {
                public string Name { get; } = name;

                public void Print() => Console.WriteLine({|#2:name|});
            }

            public class Accounts
            {
                public Registered Register(User user) => new(user.Email, 1);

                public Session Open(User user)
                {
                    var session = new Session(user.Email);
                    session.Note(Environment.UserName);
                    return session;
                }

                public Greeting Greet(User user) => new Greeting(user.Email);
            }

            public class Handler
            {
                public void Handle(Registered registered, Greeting greeting)
                {
                    Console.WriteLine({|#3:registered.Email|});
                    Console.WriteLine(registered.Attempts);
                    Console.WriteLine({|#4:greeting.Name|});
                }
            }
            """,
            Diagnostic(Descriptors.PersonalDataToLog).WithLocation(0).WithArguments("_email", Stored + "'Session._email'", "ILogger.LogInformation"),
            Diagnostic(Descriptors.PersonalDataToLog).WithLocation(1).WithArguments("_note", "the signed-in account's user name, stored in 'Session._note'", "ILogger.LogInformation"),
            Diagnostic(Descriptors.PersonalDataToConsole).WithLocation(2).WithArguments("name", Stored + "'Greeting.name'", "Console.WriteLine"),
            Diagnostic(Descriptors.PersonalDataToConsole).WithLocation(3).WithArguments("registered.Email", Stored + "'Registered.Email'", "Console.WriteLine"),
            Diagnostic(Descriptors.PersonalDataToConsole).WithLocation(4).WithArguments("greeting.Name", Stored + "'Greeting.Name'", "Console.WriteLine"));

    [Fact]
    public Task What_a_getter_or_method_returns_from_a_stored_member_is_personal_where_it_is_read() =>
        VerifyAsync(User + """
            public class Session
            {
                private string _email = "";
                private string _plan = "";

                public void Remember(User user)
                {
                    _email = user.Email;
                    _plan = user.Plan;
                }

                public string Email => _email;

                public string Contact
                {
                    get { return "mailto:" + _email; }
                }

                public string Plan => _plan;

                public string Describe() => $"<{_email}>";
            }

            public class Audit
            {
                public void Run(Session session)
                {
                    Console.WriteLine({|#0:session.Email|});
                    Console.WriteLine({|#1:session.Contact|});
                    Console.WriteLine(session.Plan);
                    Console.WriteLine({|#2:session.Describe()|});
                }
            }
            """,
            Diagnostic(Descriptors.PersonalDataToConsole).WithLocation(0).WithArguments("session.Email", Stored + "'Session._email'", "Console.WriteLine"),
            Diagnostic(Descriptors.PersonalDataToConsole).WithLocation(1).WithArguments("session.Contact", Stored + "'Session._email'", "Console.WriteLine"),
            Diagnostic(Descriptors.PersonalDataToConsole).WithLocation(2).WithArguments("session.Describe(…)", Stored + "'Session._email'", "Console.WriteLine"));

    [Fact]
    public Task A_constructor_only_given_clean_values_stores_nothing_personal() =>
        VerifyAsync(User + """
            public record Registered(string Plan, int Attempts);

            public class Session(string label)
            {
                public void Print() => Console.WriteLine(label);
            }

            public class Accounts
            {
                public Registered Register(User user) => new(user.Plan, user.Email.Length);

                public Session Open() => new Session("default");

                public void Handle(Registered registered) => Console.WriteLine(registered.Plan);
            }
            """);

    [Fact]
    public Task Members_that_hold_nothing_personal_a_number_of_it_or_a_redacted_value_are_not_reported() =>
        VerifyAsync(User + """
            public class Accounts
            {
                private string _plan = "";
                private int _length;
                private string _redacted = "";
                private string _label = "none";
                private readonly Redactor _redactor;

                public Accounts(Redactor redactor) => _redactor = redactor;

                public void Remember(User user)
                {
                    _plan = user.Plan;
                    _length = user.Email.Length;
                    _redacted = _redactor.Redact(user.Email);
                    _label = "user " + user.Id;
                }

                public void Log(ILogger logger)
                {
                    logger.LogInformation("{Plan} {Length} {Redacted} {Label}", _plan, _length, _redacted, _label);
                }
            }
            """);

    [Fact]
    public Task The_first_store_by_file_and_position_is_named_whichever_body_is_read_first() =>
        VerifyAsync(User + """
            public class Tracker
            {
                private string _last = "";

                public void Log(ILogger logger) => logger.LogInformation("{Last}", {|#0:_last|});

                public void FromMachine() => _last = Environment.MachineName;

                public void FromUser(User user) => _last = user.Email;
            }
            """,
            Diagnostic(Descriptors.PersonalDataToLog).WithLocation(0).WithArguments("_last", "the machine's name, stored in 'Tracker._last'", "ILogger.LogInformation"));
}
