using System.Threading.Tasks;
using static PiiGuard.Analyzers.Tests.Application.Flow.FlowVerifier;

namespace PiiGuard.Analyzers.Tests.Application.Flow;

/// <summary>PII110: how a personal value travels within a method, where it stops, and what it does not become.</summary>
public class FlowPropagationTests
{
    private const string User = FlowSourceTests.User;

    private const string Email = "classified Contact member 'User.Email'";

    [Fact]
    public Task Through_locals_assignments_in_any_order_and_fields_of_the_method() =>
        VerifyAsync(User + """
            public class Accounts
            {
                private string _last = "";

                public void Run(User user)
                {
                    string copy = "";
                    for (int i = 0; i < 2; i++)
                    {
                        Console.WriteLine({|#0:copy|});
                        string email = user.Email;
                        copy = email;
                    }

                    _last = copy;
                    Console.WriteLine({|#1:_last|});
                }
            }
            """,
            Diagnostic(Descriptors.PersonalDataToConsole).WithLocation(0).WithArguments("copy", Email, "Console.WriteLine"),
            Diagnostic(Descriptors.PersonalDataToConsole).WithLocation(1).WithArguments("_last", Email, "Console.WriteLine"));

    [Fact]
    public Task Through_interpolation_concatenation_Format_Concat_Join_ToString_and_StringBuilder() =>
        VerifyAsync(User + """
            public class Accounts
            {
                public void Run(User user, object boxed)
                {
                    var interpolated = $"user {user.Email}";
                    var concatenated = "user " + user.Id + " " + user.Email + "!";
                    var formatted = string.Format("user {0}", user.Email);
                    var joined = string.Join(",", new[] { "a", user.Email });
                    var concat = string.Concat("a", user.Email);
                    var text = ((object)user.Email).ToString();
                    var builder = new StringBuilder();
                    builder.Append("user ").Append(1);
                    builder.AppendLine(user.Email);
                    Console.WriteLine({|#0:interpolated|});
                    Console.WriteLine({|#1:concatenated|});
                    Console.WriteLine({|#2:formatted|});
                    Console.WriteLine({|#3:joined|});
                    Console.WriteLine({|#4:concat|});
                    Console.WriteLine({|#5:text|});
                    Console.WriteLine({|#6:builder.ToString()|});
                }
            }
            """,
            Diagnostic(Descriptors.PersonalDataToConsole).WithLocation(0).WithArguments("interpolated", Email, "Console.WriteLine"),
            Diagnostic(Descriptors.PersonalDataToConsole).WithLocation(1).WithArguments("concatenated", Email, "Console.WriteLine"),
            Diagnostic(Descriptors.PersonalDataToConsole).WithLocation(2).WithArguments("formatted", Email, "Console.WriteLine"),
            Diagnostic(Descriptors.PersonalDataToConsole).WithLocation(3).WithArguments("joined", Email, "Console.WriteLine"),
            Diagnostic(Descriptors.PersonalDataToConsole).WithLocation(4).WithArguments("concat", Email, "Console.WriteLine"),
            Diagnostic(Descriptors.PersonalDataToConsole).WithLocation(5).WithArguments("text", Email, "Console.WriteLine"),
            Diagnostic(Descriptors.PersonalDataToConsole).WithLocation(6).WithArguments("builder.ToString(…)", Email, "Console.WriteLine"));

    [Fact]
    public Task Through_collections_initializers_Add_foreach_conditionals_and_coalescing() =>
        VerifyAsync(User + """
            public class Dto { public string Name { get; set; } = ""; }

            public class Accounts
            {
                public void Run(User user, bool flag, string? fallback)
                {
                    var list = new List<string> { "a", user.Email };
                    var later = new List<string>();
                    later.Add(user.Email);
                    var map = new Dictionary<string, string>();
                    map["k"] = user.Email;
                    var dto = new Dto { Name = user.Email };
                    foreach (var item in later)
                    {
                        Console.WriteLine({|#0:item|});
                    }

                    Console.WriteLine({|#1:list|});
                    Console.WriteLine({|#2:map|});
                    Console.WriteLine({|#3:dto|});
                    Console.WriteLine({|#4:flag ? user.Email : "none"|});
                    Console.WriteLine({|#5:fallback ?? user.Email|});
                    Console.WriteLine({|#6:user.Email.ToUpperInvariant().Trim()|});
                }
            }
            """,
            Diagnostic(Descriptors.PersonalDataToConsole).WithLocation(0).WithArguments("item", Email, "Console.WriteLine"),
            Diagnostic(Descriptors.PersonalDataToConsole).WithLocation(1).WithArguments("list", Email, "Console.WriteLine"),
            Diagnostic(Descriptors.PersonalDataToConsole).WithLocation(2).WithArguments("map", Email, "Console.WriteLine"),
            Diagnostic(Descriptors.PersonalDataToConsole).WithLocation(3).WithArguments("dto", Email, "Console.WriteLine"),
            Diagnostic(Descriptors.PersonalDataToConsole).WithLocation(4).WithArguments("user.Email", Email, "Console.WriteLine"),
            Diagnostic(Descriptors.PersonalDataToConsole).WithLocation(5).WithArguments("user.Email", Email, "Console.WriteLine"),
            Diagnostic(Descriptors.PersonalDataToConsole).WithLocation(6).WithArguments("user.Email.ToUpperInvariant(…).Trim(…)", Email, "Console.WriteLine"));

    [Fact]
    public Task Not_into_numbers_flags_enums_dates_or_guids_derived_from_personal_data() =>
        VerifyAsync(User + """
            public enum Domain { Company, Other }

            public class Accounts
            {
                public void Run(User user, ILogger logger)
                {
                    int length = user.Email.Length;
                    bool hasAt = user.Email.Contains('@');
                    Domain domain = user.Email.EndsWith("@example.com") ? Domain.Company : Domain.Other;
                    int hash = user.Email.GetHashCode();
                    Guid id = Guid.NewGuid();
                    logger.LogInformation("{Length} {HasAt} {Domain} {Hash} {Id} {Count}", length, hasAt, domain, hash, id, new List<string> { user.Email }.Count);
                    Console.WriteLine($"length {user.Email.Length}, blank {string.IsNullOrEmpty(user.Email)}");
                }
            }
            """);

    [Fact]
    public Task Stops_at_a_Compliance_redactor_a_keyed_hash_and_a_classification_into_an_enum_but_not_at_a_plain_hash() =>
        VerifyAsync(User + """
            public enum EmailKind { Personal, Work }

            public static class Classifier
            {
                public static EmailKind Classify(string email) => email.EndsWith(".example") ? EmailKind.Work : EmailKind.Personal;
            }

            public class Accounts
            {
                private readonly Redactor _redactor;
                private readonly byte[] _key = new byte[32];

                public Accounts(Redactor redactor) => _redactor = redactor;

                public void Run(User user, ILogger logger)
                {
                    logger.LogInformation("{Email}", _redactor.Redact(user.Email));
                    var redacted = _redactor.Redact(user.Email);
                    logger.LogInformation("{Email}", redacted);
                    logger.LogInformation("{Kind}", Classifier.Classify(user.Email));
                    var keyed = System.Security.Cryptography.HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(user.Email));
                    logger.LogInformation("{Hash}", Convert.ToHexString(keyed));
                    using var hmac = new System.Security.Cryptography.HMACSHA256(_key);
                    logger.LogInformation("{Hash}", Convert.ToHexString(hmac.ComputeHash(Encoding.UTF8.GetBytes(user.Email))));
                    var plain = System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(user.Email));
                    logger.LogInformation("{Hash}", {|#0:Convert.ToHexString(plain)|});
                }
            }
            """,
            Diagnostic(Descriptors.PersonalDataToLog).WithLocation(0).WithArguments("Convert.ToHexString(…)", Email, "ILogger.LogInformation"));

    [Fact]
    public Task Not_into_an_application_object_a_library_call_finds_by_the_value() =>
        VerifyAsync(User + """
            public interface IUsers
            {
                User? FindByEmail(string email);
            }

            public class Accounts
            {
                public void Run(User user, IUsers users, List<User> all)
                {
                    var found = users.FindByEmail(user.Email);
                    Console.WriteLine(found?.Plan);
                    var first = all.FirstOrDefault(u => u.Email == user.Email);
                    Console.WriteLine(first?.Plan);
                    var matches = all.Where(u => u.Email.EndsWith(user.Email)).ToList();
                    foreach (var match in matches)
                    {
                        Console.WriteLine(match.Plan);
                    }

                    var names = all.Select(u => u.Email).ToList();
                    Console.WriteLine({|#0:names[0]|});
                }
            }
            """,
            Diagnostic(Descriptors.PersonalDataToConsole).WithLocation(0).WithArguments("names[…]", Email, "Console.WriteLine"));

    [Fact]
    public Task Lambdas_and_local_functions_are_part_of_their_method() =>
        VerifyAsync(User + """
            public class Accounts
            {
                public void Run(List<User> users, ILogger logger)
                {
                    var emails = users.Select(u => u.Email).ToList();
                    logger.LogInformation("{Emails}", {|#0:emails|});
                    users.ForEach(u => Console.WriteLine({|#1:u.Email|}));
                    Write(users[0].Email);
                    Console.WriteLine({|#2:Describe(users[0])|});

                    void Write(string value) => Console.WriteLine({|#3:value|});
                    string Describe(User user) => "user " + user.Email;
                }
            }
            """,
            Diagnostic(Descriptors.PersonalDataToLog).WithLocation(0).WithArguments("emails", "classified Contact member 'User.Email'", "ILogger.LogInformation"),
            Diagnostic(Descriptors.PersonalDataToConsole).WithLocation(1).WithArguments("u.Email", Email, "Console.WriteLine"),
            Diagnostic(Descriptors.PersonalDataToConsole).WithLocation(2).WithArguments("Describe(…)", Email, "Console.WriteLine"),
            Diagnostic(Descriptors.PersonalDataToConsole).WithLocation(3).WithArguments("value", Email, "Console.WriteLine"));

    [Fact]
    public Task A_lambda_handed_to_a_call_takes_what_the_call_is_given() =>
        VerifyAsync(User + """
            public class Accounts
            {
                public void Run(List<User> users, List<string> plans, ILogger logger)
                {
                    List<string> emails = users.Select(u => u.Email).ToList();
                    emails.ForEach(e => Console.WriteLine({|#0:e|}));
                    emails.Where(e => e.Length > 3).ToList().ForEach(e => logger.LogInformation("{Email}", {|#1:e|}));
                    var upper = emails.Select(e => e.ToUpperInvariant());
                    Console.WriteLine({|#2:string.Join(", ", upper)|});
                    Each(emails, e => Console.WriteLine({|#3:e|}));

                    plans.ForEach(p => Console.WriteLine(p));
                    emails.ForEach(e => Console.WriteLine(e.Length));
                    Console.WriteLine(emails.Count(e => e.Contains('@')));
                }

                private static void Each(List<string> items, Action<string> action) => items.ForEach(action);
            }
            """,
            Diagnostic(Descriptors.PersonalDataToConsole).WithLocation(0).WithArguments("e", Email, "Console.WriteLine"),
            Diagnostic(Descriptors.PersonalDataToLog).WithLocation(1).WithArguments("e", Email, "ILogger.LogInformation"),
            Diagnostic(Descriptors.PersonalDataToConsole).WithLocation(2).WithArguments("String.Join(…)", Email, "Console.WriteLine"),
            Diagnostic(Descriptors.PersonalDataToConsole).WithLocation(3).WithArguments("e", Email, "Console.WriteLine"));
}
