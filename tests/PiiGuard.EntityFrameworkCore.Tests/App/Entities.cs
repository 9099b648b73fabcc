using System;
using PiiGuard;

namespace PiiGuard.EntityFrameworkCore.Tests.App;

// The test app's entities, classified as an app classifies them: what the rights tests, their child process
// (tests/PiiGuard.EntityFrameworkCore.Child) and the rights benchmark (benchmarks/Rights) work on.

/// <summary>An account: the data subject.</summary>
[DataSubject]
public sealed class User
{
    public Guid Id { get; set; }

    [PersonalData(PersonalDataKind.Contact, Purpose = "to sign you in")]
    public required string Email { get; set; }

    [PersonalData(PersonalDataKind.Identity, Purpose = "to show who you are")]
    public required string Name { get; set; }

    [PersonalData(PersonalDataKind.Identity, Purpose = "to name your profile")]
    public required string Username { get; set; }

    [PersonalData(PersonalDataKind.Profile, Purpose = "to show on your profile")]
    public string? Bio { get; set; }

    [PersonalData(PersonalDataKind.Credential, Purpose = "to check your password")]
    public required string PasswordHash { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>A note someone wrote: deleted with its owner.</summary>
public sealed class Note
{
    public Guid Id { get; set; }

    [SubjectKey(typeof(User))]
    public Guid OwnerId { get; set; }

    [PersonalData(PersonalDataKind.UserContent, Purpose = "to keep your notes")]
    public required string Title { get; set; }

    [PersonalData(PersonalDataKind.UserContent, Purpose = "to keep your notes")]
    public required string Body { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>A file attached to a note: its foreign key to <see cref="Note"/> makes it go first when both are deleted.</summary>
public sealed class NoteAttachment
{
    public Guid Id { get; set; }

    public Guid NoteId { get; set; }

    [SubjectKey(typeof(User))]
    public Guid OwnerId { get; set; }

    [PersonalData(PersonalDataKind.UserContent, Purpose = "to keep your attachments")]
    public required string FileName { get; set; }
}

/// <summary>A comment: kept when its author is erased, without its author and text.</summary>
[Erasure(ErasureAction.Anonymise, Replacement = "[removed]")]
public sealed class Comment
{
    public Guid Id { get; set; }

    [SubjectKey(typeof(User))]
    public Guid? AuthorId { get; set; }

    [NotPersonalData("the discussion's topic, the same for everyone")]
    public required string Topic { get; set; }

    [PersonalData(PersonalDataKind.UserContent, Purpose = "to show your comment to others")]
    public required string Body { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>A sign-in, kept 90 days.</summary>
[Retention(90, nameof(OccurredAt))]
public sealed class LoginRecord
{
    public Guid Id { get; set; }

    [SubjectKey(typeof(User))]
    public Guid UserId { get; set; }

    public DateTimeOffset OccurredAt { get; set; }

    [PersonalData(PersonalDataKind.NetworkIdentifier, Purpose = "to alert you to sign-ins from a new place")]
    public string? IpAddress { get; set; }
}

/// <summary>A connection to another service: its token is a credential.</summary>
public sealed class ApiConnection
{
    public Guid Id { get; set; }

    [SubjectKey(typeof(User))]
    public Guid UserId { get; set; }

    [PersonalData(PersonalDataKind.Credential, Purpose = "to call the service for you until you disconnect")]
    public required string Token { get; set; }

    public DateTimeOffset ConnectedAt { get; set; }
}
