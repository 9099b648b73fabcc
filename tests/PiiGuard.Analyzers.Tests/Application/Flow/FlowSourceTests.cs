using System.Threading.Tasks;
using static PiiGuard.Analyzers.Tests.Application.Flow.FlowVerifier;

namespace PiiGuard.Analyzers.Tests.Application.Flow;

/// <summary>PII110: each kind of personal source, into the console (the simplest sink).</summary>
public class FlowSourceTests
{
    internal const string User = """
        [DataSubject]
        public class User
        {
            public int Id { get; set; }
            [PersonalData(PersonalDataKind.Contact)] public string Email { get; set; } = "";
            public string DisplayName { get; set; } = "";
            [NotPersonalData("the colour theme the app offers")] public string ThemeName { get; set; } = "";
            public string Plan { get; set; } = "";
            public long PhoneNumber { get; set; }
        }

        """;

    [Fact]
    public Task A_classified_member_reaching_the_console_is_reported_with_its_kind_and_a_fix() =>
        VerifyAsync(User + """
            public class Audit
            {
                public void Run(User user) => Console.WriteLine({|#0:user.Email|});
            }
            """,
            Diagnostic(Descriptors.PersonalDataToConsole).WithLocation(0).WithArguments("user.Email", "classified Contact member 'User.Email'", "Console.WriteLine"));

    [Fact]
    public Task A_data_subjects_members_named_like_personal_data_are_sources_even_numbers_but_not_its_own_key_one_marked_NotPersonalData_or_named_neutrally() =>
        VerifyAsync(User + """
            public class Audit
            {
                public void Run(User user)
                {
                    Console.WriteLine({|#0:user.DisplayName|});
                    Console.WriteLine(user.ThemeName);
                    Console.WriteLine(user.Plan);
                    Console.WriteLine(user.Id);
                    Console.WriteLine({|#1:user.PhoneNumber|});
                }
            }
            """,
            Diagnostic(Descriptors.PersonalDataToConsole).WithLocation(0).WithArguments("user.DisplayName", "member 'User.DisplayName' of data subject 'User', named like identity or contact data", "Console.WriteLine"),
            Diagnostic(Descriptors.PersonalDataToConsole).WithLocation(1).WithArguments("user.PhoneNumber", "member 'User.PhoneNumber' of data subject 'User', named like identity or contact data", "Console.WriteLine"));

    [Fact]
    public Task A_member_classified_with_a_Compliance_attribute_outside_any_data_subject_is_a_source() =>
        VerifyAsync("""
            public sealed class PrivateDataAttribute : DataClassificationAttribute
            {
                public PrivateDataAttribute() : base(new DataClassification("app", "private")) { }
            }

            public class Order
            {
                [PrivateData] public string ShippingNote { get; set; } = "";
                public string Reference { get; set; } = "";
            }

            public class Shipping
            {
                public void Run(Order order)
                {
                    Console.WriteLine({|#0:order.ShippingNote|});
                    Console.WriteLine(order.Reference);
                }
            }
            """,
            Diagnostic(Descriptors.PersonalDataToConsole).WithLocation(0).WithArguments("order.ShippingNote", "member 'Order.ShippingNote' classified [PrivateData]", "Console.WriteLine"));

    [Fact]
    public Task The_machine_and_user_names_are_sources() =>
        VerifyAsync("""
            public class Startup
            {
                public void Run()
                {
                    Console.WriteLine({|#0:Environment.MachineName|});
                    Console.WriteLine({|#1:Environment.UserName|});
                    Console.WriteLine(Environment.ProcessorCount);
                }
            }
            """,
            Diagnostic(Descriptors.PersonalDataToConsole).WithLocation(0).WithArguments("Environment.MachineName", "the machine's name", "Console.WriteLine"),
            Diagnostic(Descriptors.PersonalDataToConsole).WithLocation(1).WithArguments("Environment.UserName", "the signed-in account's user name", "Console.WriteLine"));

    [Fact]
    public Task An_exceptions_message_stack_trace_and_text_are_sources_but_its_type_is_not() =>
        VerifyAsync("""
            public class Worker
            {
                public void Run(Action work)
                {
                    try
                    {
                        work();
                    }
                    catch (InvalidOperationException ex)
                    {
                        Console.WriteLine({|#0:ex.Message|});
                        Console.WriteLine({|#1:ex.StackTrace|});
                        Console.WriteLine({|#2:ex.ToString()|});
                        Console.WriteLine({|#3:$"failed: {ex}"|});
                        Console.WriteLine(ex.GetType().Name);
                        Console.WriteLine(ex.HResult);
                    }
                }
            }
            """,
            Diagnostic(Descriptors.PersonalDataToConsole).WithLocation(0).WithArguments("ex.Message", "an exception's message, which holds whatever it was built from", "Console.WriteLine"),
            Diagnostic(Descriptors.PersonalDataToConsole).WithLocation(1).WithArguments("ex.StackTrace", "an exception's stack trace", "Console.WriteLine"),
            Diagnostic(Descriptors.PersonalDataToConsole).WithLocation(2).WithArguments("ex.ToString(…)", "an exception's text: its message and stack trace", "Console.WriteLine"),
            Diagnostic(Descriptors.PersonalDataToConsole).WithLocation(3).WithArguments("ex.ToString()", "an exception's text: its message and stack trace", "Console.WriteLine"));

    [Fact]
    public Task The_clients_IP_address_and_any_IPAddress_are_sources_but_not_the_well_known_addresses() =>
        VerifyAsync("""
            public class Requests
            {
                public void Run(HttpContext context, IPAddress proxy)
                {
                    Console.WriteLine({|#0:context.Connection.RemoteIpAddress|});
                    Console.WriteLine({|#1:proxy|});
                    Console.WriteLine(IPAddress.Loopback);
                    Console.WriteLine(context.Connection.RemotePort);
                }
            }
            """,
            Diagnostic(Descriptors.PersonalDataToConsole).WithLocation(0).WithArguments("context.Connection.RemoteIpAddress", "the client's IP address", "Console.WriteLine"),
            Diagnostic(Descriptors.PersonalDataToConsole).WithLocation(1).WithArguments("proxy", "an IP address", "Console.WriteLine"));

    [Fact]
    public Task The_User_Agent_and_Referer_headers_are_sources_by_indexer_property_and_TryGetValue() =>
        VerifyAsync("""
            public class Requests
            {
                public void Run(HttpContext context)
                {
                    Console.WriteLine({|#0:context.Request.Headers["User-Agent"]|});
                    Console.WriteLine({|#1:context.Request.Headers.Referer|});
                    if (context.Request.Headers.TryGetValue("user-agent", out var agent))
                    {
                        Console.WriteLine({|#2:agent|});
                    }

                    Console.WriteLine(context.Request.Headers["Accept"]);
                    Console.WriteLine(context.Request.Headers.ContentType);
                }
            }
            """,
            Diagnostic(Descriptors.PersonalDataToConsole).WithLocation(0).WithArguments("context.Request.Headers[…]", "the User-Agent request header", "Console.WriteLine"),
            Diagnostic(Descriptors.PersonalDataToConsole).WithLocation(1).WithArguments("context.Request.Headers.Referer", "the Referer request header", "Console.WriteLine"),
            Diagnostic(Descriptors.PersonalDataToConsole).WithLocation(2).WithArguments("agent", "the User-Agent request header", "Console.WriteLine"));

    [Fact]
    public Task A_signed_in_users_name_and_e_mail_claims_are_sources_but_not_other_claims() =>
        VerifyAsync("""
            public class Requests
            {
                public void Run(ClaimsPrincipal principal)
                {
                    Console.WriteLine({|#0:principal.Identity?.Name|});
                    Console.WriteLine({|#1:principal.FindFirst(ClaimTypes.Email)?.Value|});
                    Console.WriteLine({|#2:principal.FindFirst("name")!.Value|});
                    Console.WriteLine(principal.FindFirst(ClaimTypes.Role)?.Value);
                    Console.WriteLine(principal.Identity?.IsAuthenticated);
                }
            }
            """,
            Diagnostic(Descriptors.PersonalDataToConsole).WithLocation(0).WithArguments("principal.Identity?.Name", "the signed-in user's name", "Console.WriteLine"),
            Diagnostic(Descriptors.PersonalDataToConsole).WithLocation(1).WithArguments("principal.FindFirst(…)?.Value", "a signed-in user's e-mail claim", "Console.WriteLine"),
            Diagnostic(Descriptors.PersonalDataToConsole).WithLocation(2).WithArguments("principal.FindFirst(…).Value", "a signed-in user's name claim", "Console.WriteLine"));
}
