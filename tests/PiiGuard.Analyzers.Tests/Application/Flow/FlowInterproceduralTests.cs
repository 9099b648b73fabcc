using System.Threading.Tasks;
using static PiiGuard.Analyzers.Tests.Application.Flow.FlowVerifier;

namespace PiiGuard.Analyzers.Tests.Application.Flow;

/// <summary>PII110 across calls into methods of the same compilation, through their summaries.</summary>
public class FlowInterproceduralTests
{
    private const string User = FlowSourceTests.User;

    private const string Email = "classified Contact member 'User.Email'";

    [Fact]
    public Task A_parameter_that_reaches_a_sink_inside_the_callee_is_reported_at_the_call_site_naming_the_sink_inside() =>
        VerifyAsync(User + """
            public static class Audit
            {
                public static void Write(string text) => Console.WriteLine(text);

                public static void Note(string label, string text) => Write(label + ": " + text);

                public static void Count(string text) => Console.WriteLine(text.Length);
            }

            public class Accounts
            {
                public void Run(User user)
                {
                    Audit.Write({|#0:user.Email|});
                    Audit.Note("user", {|#1:user.Email|});
                    Audit.Note({|#2:user.DisplayName|}, "fixed");
                    Audit.Count(user.Email);
                    Audit.Write(user.Plan);
                }
            }
            """,
            Diagnostic(Descriptors.PersonalDataToConsole).WithLocation(0).WithArguments("user.Email", Email, "Console.WriteLine in 'Audit.Write'"),
            Diagnostic(Descriptors.PersonalDataToConsole).WithLocation(1).WithArguments("user.Email", Email, "Console.WriteLine in 'Audit.Write'"),
            Diagnostic(Descriptors.PersonalDataToConsole).WithLocation(2).WithArguments("user.DisplayName", "member 'User.DisplayName' of data subject 'User', named like identity or contact data", "Console.WriteLine in 'Audit.Write'"));

    [Fact]
    public Task A_parameter_that_reaches_the_return_value_carries_its_taint_and_a_source_inside_the_callee_too() =>
        VerifyAsync(User + """
            public static class Text
            {
                public static string Quote(string value) => "'" + value + "'";

                public static string Fixed(string value) => "fixed";

                public static string Host() => Environment.MachineName;

                public static string Describe(this User user) => "user " + user.Plan;
            }

            public class Accounts
            {
                public void Run(User user, ILogger logger)
                {
                    logger.LogInformation("{Text}", {|#0:Text.Quote(user.Email)|});
                    logger.LogInformation("{Text}", Text.Fixed(user.Email));
                    logger.LogInformation("{Text}", {|#1:Text.Host()|});
                    logger.LogInformation("{Text}", user.Describe());
                }
            }
            """,
            Diagnostic(Descriptors.PersonalDataToLog).WithLocation(0).WithArguments("Text.Quote(…)", Email, "ILogger.LogInformation"),
            Diagnostic(Descriptors.PersonalDataToLog).WithLocation(1).WithArguments("Text.Host(…)", "the machine's name", "ILogger.LogInformation"));

    [Fact]
    public Task Instance_methods_getters_and_constructors_of_the_compilation_are_summarised() =>
        VerifyAsync(User + """
            public class Profile
            {
                private readonly User _user;

                public Profile(User user) => _user = user;

                public string Label => "profile of " + _user.Email;

                public string Echo(string value) => value;
            }

            public class AccountException : Exception
            {
                public AccountException(string detail) : base("Account problem: " + detail) { }
            }

            public class Accounts
            {
                public void Run(User user)
                {
                    var profile = new Profile(user);
                    Console.WriteLine({|#0:profile.Label|});
                    Console.WriteLine({|#1:profile.Echo(user.Email)|});
                    throw new AccountException({|#2:user.Email|});
                }
            }
            """,
            Diagnostic(Descriptors.PersonalDataToConsole).WithLocation(0).WithArguments("profile.Label", Email, "Console.WriteLine"),
            Diagnostic(Descriptors.PersonalDataToConsole).WithLocation(1).WithArguments("profile.Echo(…)", Email, "Console.WriteLine"),
            Diagnostic(Descriptors.PersonalDataToExceptionMessage).WithLocation(2).WithArguments("user.Email", Email, "the message of a new Exception in 'AccountException'"));

    [Fact]
    public Task Recursive_and_mutually_recursive_methods_are_summarised_to_their_fixpoint() =>
        VerifyAsync(User + """
            public static class Walk
            {
                public static string Repeat(string value, int times) => times <= 0 ? "" : value + Repeat(value, times - 1);

                public static void Ping(string value, int depth)
                {
                    if (depth > 0)
                    {
                        Pong(value, depth - 1);
                    }
                }

                public static void Pong(string value, int depth)
                {
                    if (depth == 0)
                    {
                        Console.WriteLine(value);
                    }
                    else
                    {
                        Ping(value, depth - 1);
                    }
                }

                public static string Spin(string value) => Spin(value);
            }

            public class Accounts
            {
                public void Run(User user, ILogger logger)
                {
                    logger.LogInformation("{Text}", {|#0:Walk.Repeat(user.Email, 3)|});
                    Walk.Ping({|#1:user.Email|}, 4);
                    logger.LogInformation("{Text}", Walk.Spin(user.Email));
                }
            }
            """,
            Diagnostic(Descriptors.PersonalDataToLog).WithLocation(0).WithArguments("Walk.Repeat(…)", Email, "ILogger.LogInformation"),
            Diagnostic(Descriptors.PersonalDataToConsole).WithLocation(1).WithArguments("user.Email", Email, "Console.WriteLine in 'Walk.Pong'"));

    [Fact]
    public Task A_parameter_passed_on_to_a_logger_inside_a_callee_is_reported_at_the_outer_call_site() =>
        VerifyAsync(User + """
            public class Notifier
            {
                private readonly ILogger _logger;

                public Notifier(ILogger logger) => _logger = logger;

                public void Sent(string to, int count) => _logger.LogInformation("Sent {Count} to {To}", count, to);
            }

            public class Accounts
            {
                public void Run(User user, Notifier notifier) => notifier.Sent({|#0:user.Email|}, user.Email.Length);
            }
            """,
            Diagnostic(Descriptors.PersonalDataToLog).WithLocation(0).WithArguments("user.Email", Email, "ILogger.LogInformation in 'Notifier.Sent'"));

    [Fact]
    public Task A_call_through_an_interface_or_a_virtual_method_takes_what_its_implementations_in_the_project_do() =>
        VerifyAsync(User + """
            public interface IMailer
            {
                void Send(string to, string subject);
            }

            public sealed class SmtpMailer(ILogger logger) : IMailer
            {
                public void Send(string to, string subject) => logger.LogInformation("Mail to {To}: {Subject}", to, subject.Length);
            }

            public sealed class QuietMailer : IMailer
            {
                public void Send(string to, string subject)
                {
                }
            }

            public abstract class Notifier
            {
                public abstract void Notify(string who);

                public virtual void Done(string who)
                {
                }
            }

            public sealed class ConsoleNotifier : Notifier
            {
                public override void Notify(string who) => Console.WriteLine(who);

                public override void Done(string who) => Console.WriteLine("done: " + who);
            }

            public interface IDirectory
            {
                string EmailOf(User user);
            }

            public sealed class Directory : IDirectory
            {
                string IDirectory.EmailOf(User user) => user.Email;
            }

            public class Accounts
            {
                public void Register(User user, IMailer mailer, Notifier notifier, IDirectory directory)
                {
                    mailer.Send({|#0:user.Email|}, "Welcome");
                    mailer.Send("support@example.com", user.Email);
                    notifier.Notify({|#1:user.Email|});
                    notifier.Done({|#2:user.Email|});
                    Console.WriteLine({|#3:directory.EmailOf(user)|});
                }
            }
            """,
            Diagnostic(Descriptors.PersonalDataToLog).WithLocation(0).WithArguments("user.Email", Email, "ILogger.LogInformation in 'SmtpMailer.Send'"),
            Diagnostic(Descriptors.PersonalDataToConsole).WithLocation(1).WithArguments("user.Email", Email, "Console.WriteLine in 'ConsoleNotifier.Notify'"),
            Diagnostic(Descriptors.PersonalDataToConsole).WithLocation(2).WithArguments("user.Email", Email, "Console.WriteLine in 'ConsoleNotifier.Done'"),
            Diagnostic(Descriptors.PersonalDataToConsole).WithLocation(3).WithArguments("directory.EmailOf(…)", Email, "Console.WriteLine"));

    [Fact]
    public Task A_generic_interface_dispatches_to_its_implementations_and_a_recursive_one_settles() =>
        VerifyAsync(User + """
            public interface IAudit<T>
            {
                void Write(T value);
            }

            public sealed class TextAudit : IAudit<string>
            {
                public void Write(string value) => Console.WriteLine(value);
            }

            public sealed class ForwardingAudit : IAudit<string>
            {
                private readonly IAudit<string> _next;

                public ForwardingAudit(IAudit<string> next) => _next = next;

                public void Write(string value) => _next.Write(value);
            }

            public class Accounts
            {
                public void Run(User user, IAudit<string> audit) => audit.Write({|#0:user.Email|});
            }
            """,
            Diagnostic(Descriptors.PersonalDataToConsole).WithLocation(0).WithArguments("user.Email", Email, "Console.WriteLine in 'TextAudit.Write'"));
}
