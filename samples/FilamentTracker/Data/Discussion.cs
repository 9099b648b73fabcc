using PiiGuard;

namespace FilamentTracker.Data;

/// <summary>What the public sees of a deleted account's reviews and comments.</summary>
public static class Discussion
{
    /// <summary>The author and text of a review or comment whose author's account was erased.</summary>
    public const string DeletedUser = "[deleted user]";
}

/// <summary>A review of a filament. Kept when its author deletes their account, without anything of theirs.</summary>
[Erasure(ErasureAction.Anonymise, Replacement = Discussion.DeletedUser)]
public sealed class Review
{
    public Guid Id { get; set; }

    [SubjectKey(typeof(User))]
    public Guid? AuthorId { get; set; }

    [NotPersonalData("the reviewed product's brand, the same for everyone")]
    public required string Brand { get; set; }

    public int Rating { get; set; }

    [PersonalData(PersonalDataKind.UserContent, Purpose = "to show your review to others")]
    public required string Body { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>A comment on a print. Kept when its author deletes their account, so that threads stay whole.</summary>
[Erasure(ErasureAction.Anonymise, Replacement = Discussion.DeletedUser)]
public sealed class Comment
{
    public Guid Id { get; set; }

    [SubjectKey(typeof(User))]
    public Guid? AuthorId { get; set; }

    public Guid PrintId { get; set; }

    [PersonalData(PersonalDataKind.UserContent, Purpose = "to show your comment to others")]
    public required string Body { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
