using System.Threading.Tasks;
using Verify = PiiGuard.Analyzers.Tests.Application.ApplicationDataVerifier;

namespace PiiGuard.Analyzers.Tests.Application;

/// <summary>PII106: the application-data annotations say something checkable.</summary>
public class AnnotationTests
{
    [Fact]
    public Task Reports_malformed_annotations() =>
        Verify.VerifyAsync("""
            [DataSubject]
            public class User
            {
                public int Id { get; set; }
                [{|#0:NotPersonalData("  ")|}] public string Nickname { get; set; } = "";
                [{|#1:PersonalData((PersonalDataKind)42)|}] public string Email { get; set; } = "";
            }

            public class Ticket
            {
                [{|#2:SubjectKey(typeof(Ticket))|}] public int OwnerId { get; set; }
            }

            [{|#3:NoSubjectKey("")|}]
            public class Brand
            {
                public int Id { get; set; }
            }

            [{|#4:Erasure(ErasureAction.Anonymise, Replacement = "[removed]")|}]
            [NoSubjectKey("shared by everyone")]
            public class Thread
            {
                public int Id { get; set; }
            }

            [{|#5:Erasure((ErasureAction)7)|}]
            public class Review
            {
                [SubjectKey(typeof(User))] public int UserId { get; set; }
            }
            """,
            Verify.Diagnostic(Descriptors.EmptyReason).WithLocation(0).WithArguments("NotPersonalData", "Nickname"),
            Verify.Diagnostic(Descriptors.KindOutOfRange).WithLocation(1).WithArguments("Email", "42"),
            Verify.Diagnostic(Descriptors.SubjectKeyNotSubject).WithLocation(2).WithArguments("OwnerId", "Ticket"),
            Verify.Diagnostic(Descriptors.EmptyReason).WithLocation(3).WithArguments("NoSubjectKey", "Brand"),
            Verify.Diagnostic(Descriptors.AnonymiseWithoutSubjectKey).WithLocation(4).WithArguments("Thread"),
            Verify.Diagnostic(Descriptors.ErasureActionOutOfRange).WithLocation(5).WithArguments("Review", "7"));

    [Fact]
    public Task Well_formed_annotations_are_not_reported() =>
        Verify.VerifyAsync("""
            [DataSubject]
            [Erasure(ErasureAction.Delete)]
            public class User
            {
                public int Id { get; set; }
                [NotPersonalData("a count of the app's own jobs")] public string JobName { get; set; } = "";
            }

            [Erasure(ErasureAction.Anonymise, Replacement = "[removed]")]
            public class Comment
            {
                public int Id { get; set; }
                [SubjectKey(typeof(User))] public int? AuthorId { get; set; }
                [PersonalData(PersonalDataKind.UserContent)] public string Body { get; set; } = "";
            }
            """);

    [Fact]
    public Task Annotations_are_checked_in_a_project_without_a_data_subject_too() =>
        Verify.VerifyAsync("""
            public class Ticket
            {
                [{|PII106:SubjectKey(typeof(Ticket))|}] public int OwnerId { get; set; }
                [{|PII106:NotPersonalData(null!)|}] public string Email { get; set; } = "";
            }
            """);
}
