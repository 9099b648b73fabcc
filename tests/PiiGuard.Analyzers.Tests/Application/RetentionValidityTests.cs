using System.Threading.Tasks;
using Verify = PiiGuard.Analyzers.Tests.Application.ApplicationDataVerifier;

namespace PiiGuard.Analyzers.Tests.Application;

/// <summary>PII105: [Retention] counts from a point-in-time member of the type, for a day or more.</summary>
public class RetentionValidityTests
{
    [Fact]
    public Task Reports_a_missing_clock_a_clock_that_is_no_point_in_time_and_days_below_one() =>
        Verify.VerifyAsync("""
            [DataSubject]
            public class User
            {
                public int Id { get; set; }
            }

            [{|#0:Retention(90, "CreatedAt")|}]
            public class A
            {
                [SubjectKey(typeof(User))] public int UserId { get; set; }
                public DateTimeOffset At { get; set; }
            }

            [{|#1:Retention(90, nameof(Day))|}]
            public class B
            {
                [SubjectKey(typeof(User))] public int UserId { get; set; }
                public DateOnly Day { get; set; }
            }

            [{|#2:Retention(0, nameof(At))|}]
            public class C
            {
                [SubjectKey(typeof(User))] public int UserId { get; set; }
                public DateTime At;
            }

            [{|#3:Retention(7, nameof(Stamp))|}]
            public class D
            {
                public static DateTime Stamp;
            }
            """,
            Verify.Diagnostic(Descriptors.RetentionClockMissing).WithLocation(0).WithArguments("A", "CreatedAt"),
            Verify.Diagnostic(Descriptors.RetentionClockNotPointInTime).WithLocation(1).WithArguments("B", "Day", "DateOnly"),
            Verify.Diagnostic(Descriptors.RetentionDays).WithLocation(2).WithArguments("C", "0"),
            Verify.Diagnostic(Descriptors.RetentionClockMissing).WithLocation(3).WithArguments("D", "Stamp"));

    [Fact]
    public Task A_clock_on_a_base_type_or_a_nullable_clock_is_valid() =>
        Verify.VerifyAsync("""
            public abstract class Row
            {
                public DateTimeOffset? DeletedAt { get; set; }
            }

            [Retention(30, nameof(DeletedAt))]
            public class SoftDeleted : Row
            {
            }

            [Retention(1, nameof(At))]
            public class Short
            {
                public DateTime At { get; set; }
            }
            """);
}
