using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.EntityFrameworkCore;
using PiiGuard.Collector.Tests;
using PiiGuard.EntityFrameworkCore.Tests.App;
using PiiGuard.EntityFrameworkCore.Tests.Infrastructure;

namespace PiiGuard.EntityFrameworkCore.Tests;

/// <summary>
/// ExportPersonalDataAsync: a ZIP with one JSON file per entity tied to the subject (only the subject's rows,
/// credentials as the placeholder), manifest.json and personal-data.md, written to a destination that, like a
/// response body, is neither seekable nor synchronous; streamed, so that rows reach it while the query still reads.
/// </summary>
public abstract class ExportTests(TestStorage storage) : RightsTests(storage)
{
    private static readonly string[] EntityFiles = ["User.json", "ApiConnection.json", "Comment.json", "LoginRecord.json", "Note.json", "NoteAttachment.json"];

    [Fact]
    public async Task The_zip_holds_every_file_of_the_subject_the_manifest_and_the_description_and_nothing_of_anyone_else()
    {
        var destination = new AsyncOnlyStream();
        await using (RightsTestContext context = Database.NewContext())
        {
            Assert.True(await context.ExportPersonalDataAsync(Alice.Id, destination));
        }

        using var zip = new ZipArchive(new MemoryStream(destination.Received), ZipArchiveMode.Read);
        Assert.Equal([.. EntityFiles, "manifest.json", "personal-data.md"], zip.Entries.Select(entry => entry.FullName));

        JsonElement user = Assert.Single(Read(zip, "User.json").EnumerateArray());
        Assert.Equal(Alice.Id, user.GetProperty("Id").GetGuid());
        Assert.Equal(Alice.Email, user.GetProperty("Email").GetString());
        Assert.Equal(Alice.Name, user.GetProperty("Name").GetString());
        Assert.Equal(Alice.Username, user.GetProperty("Username").GetString());
        Assert.Equal(Alice.Bio, user.GetProperty("Bio").GetString());
        Assert.Equal(PersonalDataModel.CredentialPlaceholder, user.GetProperty("PasswordHash").GetString());
        Assert.Equal(PersonalDataModel.CredentialPlaceholder, Assert.Single(Read(zip, "ApiConnection.json").EnumerateArray()).GetProperty("Token").GetString());
        Assert.Equal(3, Read(zip, "Note.json").GetArrayLength());
        Assert.All(Read(zip, "Note.json").EnumerateArray(), note => Assert.Equal(Alice.Id, note.GetProperty("OwnerId").GetGuid()));
        Assert.Equal(Alice.Username + "-scan.pdf", Assert.Single(Read(zip, "NoteAttachment.json").EnumerateArray()).GetProperty("FileName").GetString());
        Assert.Equal(["Looks great!", "Signed, " + Alice.Username], Read(zip, "Comment.json").EnumerateArray().Select(c => c.GetProperty("Body").GetString()).Order(StringComparer.Ordinal));
        Assert.All(Read(zip, "LoginRecord.json").EnumerateArray(), login => Assert.Equal(Alice.IpAddress, login.GetProperty("IpAddress").GetString()));

        // Nothing of Bob's, and no credential in plain text, anywhere in the ZIP (entries decompressed).
        string everything = string.Join("\n", zip.Entries.Select(entry => Text(zip, entry.FullName)));
        foreach (string value in new[] { Bob.Id.ToString(), Bob.Email, Bob.Name, Bob.Username, Bob.IpAddress, Bob.Token, Bob.PasswordHash, Alice.Token, Alice.PasswordHash })
        {
            Assert.DoesNotContain(value, everything, StringComparison.Ordinal);
        }

        Assert.Equal(PersonalDataModel.For(typeof(RightsTestContext)).Markdown, Text(zip, "personal-data.md"));

        JsonElement manifest = Read(zip, "manifest.json");
        Assert.Equal("piiguard-personal-data-export", manifest.GetProperty("format").GetString());
        Assert.Equal(1, manifest.GetProperty("formatVersion").GetInt32());
        Assert.Equal(typeof(User).FullName, manifest.GetProperty("subject").GetString());
        Assert.Equal(RightsDatabase.Start, manifest.GetProperty("generatedAt").GetDateTimeOffset());
        Assert.False(manifest.TryGetProperty("erasureRequestedAt", out _));
        Assert.Equal("personal-data.md", manifest.GetProperty("description").GetString());
        Dictionary<string, JsonElement> files = manifest.GetProperty("files").EnumerateArray().ToDictionary(file => file.GetProperty("file").GetString()!);
        Assert.Equal(EntityFiles, files.Keys);
        Assert.Equal([1, 1, 2, 2, 3, 1], EntityFiles.Select(file => files[file].GetProperty("rows").GetInt32()));

        JsonElement logins = files["LoginRecord.json"];
        Assert.Equal(typeof(LoginRecord).FullName, logins.GetProperty("entity").GetString());
        Assert.Equal("Id", logins.GetProperty("rowKey").GetString());
        Assert.Equal("UserId", logins.GetProperty("subjectKey").GetString());
        Assert.Equal(90, logins.GetProperty("retention").GetProperty("days").GetInt32());
        Assert.Equal("OccurredAt", logins.GetProperty("retention").GetProperty("from").GetString());
        Assert.Equal("delete", logins.GetProperty("erasure").GetString());
        JsonElement ip = Assert.Single(logins.GetProperty("members").EnumerateArray());
        Assert.Equal(("IpAddress", "network_identifier", "to alert you to sign-ins from a new place"), (ip.GetProperty("name").GetString(), ip.GetProperty("kind").GetString(), ip.GetProperty("purpose").GetString()));
        Assert.False(ip.TryGetProperty("credential", out _));

        JsonElement comments = files["Comment.json"];
        Assert.Equal("anonymise", comments.GetProperty("erasure").GetString());
        Assert.Equal("[removed]", comments.GetProperty("replacement").GetString());
        Assert.Equal(JsonValueKind.Null, comments.GetProperty("retention").ValueKind);

        JsonElement passwordHash = files["User.json"].GetProperty("members").EnumerateArray().Single(member => member.GetProperty("name").GetString() == "PasswordHash");
        Assert.Equal(("credential", "not exported"), (passwordHash.GetProperty("kind").GetString(), passwordHash.GetProperty("credential").GetString()));
        JsonElement token = Assert.Single(files["ApiConnection.json"].GetProperty("members").EnumerateArray());
        Assert.Equal("not exported", token.GetProperty("credential").GetString());
    }

    [Fact]
    public async Task An_unknown_subject_gets_false_and_nothing_is_written()
    {
        var destination = new AsyncOnlyStream();
        await using RightsTestContext context = Database.NewContext();
        Assert.False(await context.ExportPersonalDataAsync(Guid.NewGuid(), destination));
        Assert.Empty(destination.Received);
    }

    [Fact]
    public async Task A_key_of_the_wrong_type_is_a_clear_error_that_does_not_echo_the_key()
    {
        await using RightsTestContext context = Database.NewContext();
        ArgumentException error = await Assert.ThrowsAsync<ArgumentException>(() => context.ExportPersonalDataAsync(Alice.Email, new AsyncOnlyStream()));
        Assert.Contains("System.Guid, not a System.String", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Alice.Email, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_subject_who_asked_for_erasure_can_still_export_everything_during_the_grace_period()
    {
        await using (RightsTestContext context = Database.NewContext())
        {
            Assert.NotNull(await context.RequestErasureAsync(Alice.Id));
        }

        Database.Clock.Advance(TimeSpan.FromDays(3));
        var destination = new AsyncOnlyStream();
        await using (RightsTestContext context = Database.NewContext())
        {
            Assert.True(await context.ExportPersonalDataAsync(Alice.Id, destination));
        }

        using var zip = new ZipArchive(new MemoryStream(destination.Received), ZipArchiveMode.Read);
        Assert.Equal(3, Read(zip, "Note.json").GetArrayLength());
        JsonElement manifest = Read(zip, "manifest.json");
        Assert.Equal(RightsDatabase.Start, manifest.GetProperty("erasureRequestedAt").GetDateTimeOffset());
        Assert.Equal(RightsDatabase.Start.AddDays(30), manifest.GetProperty("erasureDueAt").GetDateTimeOffset());
        Assert.Equal(RightsDatabase.Start.AddDays(3), manifest.GetProperty("generatedAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task Ten_thousand_rows_stream_into_the_zip_while_the_query_still_reads_them()
    {
        const int Rows = 10_000;
        await using (RightsTestContext context = Database.NewContext())
        {
            // Bodies of random hex compress about in half, so the compressed rows are large enough to show where they went.
            var random = new Random(14);
            for (int i = 0; i < Rows; i++)
            {
                context.Notes.Add(new Note
                {
                    Id = Guid.NewGuid(),
                    OwnerId = Alice.Id,
                    Title = "Bulk " + i,
                    Body = Convert.ToHexString(BitConverter.GetBytes(random.NextInt64())) + Convert.ToHexString(BitConverter.GetBytes(random.NextInt64())),
                    CreatedAt = RightsDatabase.Start,
                });
            }

            await context.SaveChangesAsync();
        }

        // The moment the notes' query closes its reader, mark how much of the ZIP had reached the destination.
        var destination = new AsyncOnlyStream();
        await using (RightsTestContext context = Database.NewContext(null, new ReaderClosed("\"Notes\"", destination.Mark)))
        {
            Assert.True(await context.ExportPersonalDataAsync(Alice.Id, destination));
        }

        using var zip = new ZipArchive(new MemoryStream(destination.Received), ZipArchiveMode.Read);
        Assert.Equal(Rows + 3, Read(zip, "Note.json").GetArrayLength());
        Assert.True(destination.Marked > 0, "The notes' reader was never seen to close.");

        // The rows of Note.json among the bytes that had arrived by then: decompress what of the entry had arrived.
        int arrived = CountRowsArrived(destination.Received, destination.Marked, "Note.json", "\"OwnerId\"");
        Assert.True(arrived >= 9_000, $"Only {arrived} of {Rows + 3} rows had reached the destination when the query ended: the export does not stream.");
    }

    /// <summary>Decompresses the part of an entry that lies before <paramref name="end"/> and counts <paramref name="perRow"/> in it.</summary>
    private static int CountRowsArrived(byte[] zip, long end, string entryName, string perRow)
    {
        byte[] name = Encoding.UTF8.GetBytes(entryName);
        for (int at = 0; at + 30 + name.Length <= zip.Length; at++)
        {
            if (zip[at] == 0x50 && zip[at + 1] == 0x4B && zip[at + 2] == 0x03 && zip[at + 3] == 0x04
                && BitConverter.ToUInt16(zip, at + 26) == name.Length
                && zip.AsSpan(at + 30, name.Length).SequenceEqual(name))
            {
                int dataStart = at + 30 + name.Length + BitConverter.ToUInt16(zip, at + 28);
                if (end <= dataStart)
                {
                    return 0;
                }

                using var inflate = new DeflateStream(new MemoryStream(zip, dataStart, (int)(end - dataStart)), CompressionMode.Decompress);
                var text = new MemoryStream();
                var buffer = new byte[8192];
                try
                {
                    int read;
                    while ((read = inflate.Read(buffer)) > 0)
                    {
                        text.Write(buffer, 0, read);
                    }
                }
                catch (InvalidDataException)
                {
                    // The cut-off end of the deflate stream: everything before it was read.
                }

                string json = Encoding.UTF8.GetString(text.ToArray());
                int count = 0;
                for (int index = json.IndexOf(perRow, StringComparison.Ordinal); index >= 0; index = json.IndexOf(perRow, index + 1, StringComparison.Ordinal))
                {
                    count++;
                }

                return count;
            }
        }

        throw new InvalidOperationException($"No local header of {entryName} in the ZIP.");
    }

    private static string Text(ZipArchive zip, string name)
    {
        using var reader = new StreamReader(zip.GetEntry(name)!.Open(), Encoding.UTF8);
        return reader.ReadToEnd();
    }

    private static JsonElement Read(ZipArchive zip, string name)
    {
        using JsonDocument document = JsonDocument.Parse(Text(zip, name));
        return document.RootElement.Clone();
    }
}

/// <summary>The export tests on SQLite.</summary>
public sealed class ExportTestsOnSqlite() : ExportTests(TestStorage.Sqlite);

/// <summary>The export tests on PostgreSQL.</summary>
public sealed class ExportTestsOnPostgreSql() : ExportTests(TestStorage.PostgreSql);
