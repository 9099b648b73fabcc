using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Microsoft.EntityFrameworkCore;
using PiiGuard.EntityFrameworkCore.Tests.App;

namespace PiiGuard.EntityFrameworkCore.Tests.Infrastructure;

/// <summary>A user of the test app and everything that is theirs: values no other row holds, so a test can look for them.</summary>
public sealed record Person(Guid Id, string Email, string Name, string Username, string Bio, string PasswordHash, string Token, string IpAddress)
{
    /// <summary>The subject of the tests: the one who exports, asks for erasure, is erased.</summary>
    public static Person Alice() => new(
        Guid.NewGuid(), "alice.quartermain@example.test", "Alice Quartermain", "aquartermain", "Paints miniatures.",
        "AQAAAAIAAYagAAAAEhashofalicespassword", "alice-api-token-7f3e9c2b4d1a", "203.0.113.77");

    /// <summary>The other user: their data must stay untouched by everything done to Alice's.</summary>
    public static Person Bob() => new(
        Guid.NewGuid(), "bob.fairweather@example.test", "Bob Fairweather", "bfairweather", "Builds kites.",
        "AQAAAAIAAYagAAAAEhashofbobspassword", "bob-api-token-1c8d5e0f3a2b", "198.51.100.23");

    /// <summary>The values that identify the person and must be gone after their erasure.</summary>
    public IEnumerable<string> Identifying => [Email, Name, Username, IpAddress];
}

/// <summary>Puts people's rows in the test app's database.</summary>
public static class TestData
{
    /// <summary>
    /// Adds <paramref name="person"/> with <paramref name="notes"/> notes (one attachment on the first), two comments
    /// (one holds their username), two sign-ins (<paramref name="loginAge"/> ago and an hour ago, from their address)
    /// and an API connection.
    /// </summary>
    public static async Task SeedAsync(RightsTestContext context, Person person, DateTimeOffset now, int notes = 3, TimeSpan? loginAge = null)
    {
        context.Users.Add(new User
        {
            Id = person.Id,
            Email = person.Email,
            Name = person.Name,
            Username = person.Username,
            Bio = person.Bio,
            PasswordHash = person.PasswordHash,
            CreatedAt = now.AddDays(-400),
        });
        await context.SaveChangesAsync();

        var noteIds = new List<Guid>();
        for (int i = 0; i < notes; i++)
        {
            var note = new Note
            {
                Id = Guid.NewGuid(),
                OwnerId = person.Id,
                Title = $"Note {i} of {person.Username}",
                Body = $"Written by {person.Name} ({person.Email}), note {i}.",
                CreatedAt = now.AddDays(-i),
            };
            noteIds.Add(note.Id);
            context.Notes.Add(note);
        }

        await context.SaveChangesAsync();
        if (noteIds.Count > 0)
        {
            context.NoteAttachments.Add(new NoteAttachment { Id = Guid.NewGuid(), NoteId = noteIds[0], OwnerId = person.Id, FileName = person.Username + "-scan.pdf" });
        }

        context.Comments.Add(new Comment { Id = Guid.NewGuid(), AuthorId = person.Id, Topic = "kites", Body = "Signed, " + person.Username, CreatedAt = now.AddDays(-2) });
        context.Comments.Add(new Comment { Id = Guid.NewGuid(), AuthorId = person.Id, Topic = "paint", Body = "Looks great!", CreatedAt = now.AddDays(-1) });
        context.LoginRecords.Add(new LoginRecord { Id = Guid.NewGuid(), UserId = person.Id, OccurredAt = now - (loginAge ?? TimeSpan.FromDays(10)), IpAddress = person.IpAddress });
        context.LoginRecords.Add(new LoginRecord { Id = Guid.NewGuid(), UserId = person.Id, OccurredAt = now.AddHours(-1), IpAddress = person.IpAddress });
        context.ApiConnections.Add(new ApiConnection { Id = Guid.NewGuid(), UserId = person.Id, Token = person.Token, ConnectedAt = now.AddDays(-30) });
        await context.SaveChangesAsync();
        context.ChangeTracker.Clear();
    }

    /// <summary>
    /// Every row tied to <paramref name="userId"/>, every column and the erasure mark, as text in a fixed order, with
    /// the query filters ignored: two snapshots are equal when nothing of theirs changed.
    /// </summary>
    public static async Task<string> SnapshotAsync(RightsTestContext context, Guid userId)
    {
        var text = new StringBuilder();
        foreach (var row in await context.Users.IgnoreQueryFilters().AsNoTracking().Where(r => r.Id == userId)
            .Select(r => new { r.Id, r.Email, r.Name, r.Username, r.Bio, r.PasswordHash, r.CreatedAt, Mark = EF.Property<long?>(r, PersonalDataModel.ErasureRequestedAtProperty) }).ToListAsync())
        {
            text.AppendLine(Invariant($"User {row}"));
        }

        foreach (var row in (await context.Notes.IgnoreQueryFilters().AsNoTracking().Where(r => r.OwnerId == userId)
            .Select(r => new { r.Id, r.OwnerId, r.Title, r.Body, r.CreatedAt, Mark = EF.Property<long?>(r, PersonalDataModel.ErasureRequestedAtProperty) }).ToListAsync()).OrderBy(r => r.Id))
        {
            text.AppendLine(Invariant($"Note {row}"));
        }

        foreach (var row in (await context.NoteAttachments.IgnoreQueryFilters().AsNoTracking().Where(r => r.OwnerId == userId)
            .Select(r => new { r.Id, r.NoteId, r.OwnerId, r.FileName, Mark = EF.Property<long?>(r, PersonalDataModel.ErasureRequestedAtProperty) }).ToListAsync()).OrderBy(r => r.Id))
        {
            text.AppendLine(Invariant($"NoteAttachment {row}"));
        }

        foreach (var row in (await context.Comments.IgnoreQueryFilters().AsNoTracking().Where(r => r.AuthorId == userId)
            .Select(r => new { r.Id, r.AuthorId, r.Topic, r.Body, r.CreatedAt, Mark = EF.Property<long?>(r, PersonalDataModel.ErasureRequestedAtProperty) }).ToListAsync()).OrderBy(r => r.Id))
        {
            text.AppendLine(Invariant($"Comment {row}"));
        }

        foreach (var row in (await context.LoginRecords.IgnoreQueryFilters().AsNoTracking().Where(r => r.UserId == userId)
            .Select(r => new { r.Id, r.UserId, r.OccurredAt, r.IpAddress, Mark = EF.Property<long?>(r, PersonalDataModel.ErasureRequestedAtProperty) }).ToListAsync()).OrderBy(r => r.Id))
        {
            text.AppendLine(Invariant($"LoginRecord {row}"));
        }

        foreach (var row in (await context.ApiConnections.IgnoreQueryFilters().AsNoTracking().Where(r => r.UserId == userId)
            .Select(r => new { r.Id, r.UserId, r.Token, r.ConnectedAt, Mark = EF.Property<long?>(r, PersonalDataModel.ErasureRequestedAtProperty) }).ToListAsync()).OrderBy(r => r.Id))
        {
            text.AppendLine(Invariant($"ApiConnection {row}"));
        }

        return text.ToString();
    }

    /// <summary>How many rows of each table are tied to <paramref name="userId"/>, query filters ignored.</summary>
    public static async Task<(int Users, int Notes, int Attachments, int Comments, int Logins, int Connections)> CountAsync(RightsTestContext context, Guid userId) =>
        (await context.Users.IgnoreQueryFilters().CountAsync(r => r.Id == userId),
         await context.Notes.IgnoreQueryFilters().CountAsync(r => r.OwnerId == userId),
         await context.NoteAttachments.IgnoreQueryFilters().CountAsync(r => r.OwnerId == userId),
         await context.Comments.IgnoreQueryFilters().CountAsync(r => r.AuthorId == userId),
         await context.LoginRecords.IgnoreQueryFilters().CountAsync(r => r.UserId == userId),
         await context.ApiConnections.IgnoreQueryFilters().CountAsync(r => r.UserId == userId));

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
