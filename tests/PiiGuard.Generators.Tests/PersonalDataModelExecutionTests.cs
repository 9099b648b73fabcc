using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using PiiGuard.EntityFrameworkCore;

namespace PiiGuard.Generators.Tests;

/// <summary>The shop app, compiled with its generated models against EF Core 8 and loaded once for the class.</summary>
public sealed class ShopAppFixture : IDisposable
{
    public ShopAppFixture()
    {
        (Compilation output, _) = EntityFrameworkHarness.Generate(
            EntityFrameworkHarness.Compile(EntityFrameworkHarness.EntityFramework8, ShopApp.Entities, ShopApp.Contexts, ShopApp.Helpers));
        App = EntityFrameworkHarness.Load(output);
    }

    internal LoadedApp App { get; }

    public void Dispose() => App.Dispose();
}

/// <summary>
/// The generated operations, run: each against a fresh SQLite database in memory (EF Core 8.0.34), holding the shop
/// app's rows. The context's OnModelCreating calls each entity's ConfigureModel, as PiiGuard.EntityFrameworkCore's
/// model customizer does.
/// </summary>
public sealed class PersonalDataModelExecutionTests : IClassFixture<ShopAppFixture>, IDisposable
{
    private static readonly DateTimeOffset Now = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly LoadedApp _app;
    private readonly SqliteConnection _connection;
    private readonly DbContext _context;

    public PersonalDataModelExecutionTests(ShopAppFixture fixture)
    {
        _app = fixture.App;
        _connection = new SqliteConnection("Data Source=:memory:");
        _connection.Open();
        _context = (DbContext)_app.Call("Shop.Data.App", "Open", _connection)!;
        _context.Database.EnsureCreated();
        _app.Call("Shop.Data.App", "Seed", _context, Now);
    }

    public void Dispose()
    {
        _context.Dispose();
        _connection.Dispose();
    }

    private Guid Alice => (Guid)_app.Type("Shop.Data.App").GetField("Alice")!.GetValue(null)!;

    private Guid Bob => (Guid)_app.Type("Shop.Data.App").GetField("Bob")!.GetValue(null)!;

    private PersonalDataEntity Entity(string name) => _app.Entity("Shop.Data.ShopContext", name);

    private T Query<T>(string method) => (T)_app.Call("Shop.Data.App", method, _context)!;

    private async Task<(int Count, JsonElement Rows, string Text)> ExportAsync(string entity, object subjectKey)
    {
        using var stream = new MemoryStream();
        int count;
        await using (var writer = new Utf8JsonWriter(stream))
        {
            count = await Entity(entity).WriteRowsAsync(_context, subjectKey, writer, CancellationToken.None);
        }

        string text = System.Text.Encoding.UTF8.GetString(stream.ToArray());
        return (count, JsonDocument.Parse(text).RootElement.Clone(), text);
    }

    [Fact]
    public void The_model_describes_each_entity_from_the_data_map()
    {
        PersonalDataModel model = _app.Model("Shop.Data.ShopContext");
        Assert.Equal(_app.Type("Shop.Data.ShopContext"), model.ContextType);
        Assert.StartsWith("# What we collect\n", model.Markdown, StringComparison.Ordinal);
        Assert.Equal(
            ["ApiToken.json", "Author.json", "Customer.json", "Member.json", "DailyHit.json", "RequestLog.json", "SignIn.json", "Order.json", "Post.json", "Review.json", "Visit.json"],
            model.Entities.Select(e => e.FileName));

        PersonalDataEntity customer = Entity("Shop.Accounts.Customer");
        Assert.True(customer.IsSubject);
        Assert.Equal(("Id", "Id", ErasureAction.Delete), (customer.SubjectKeyMember, customer.RowKeyMember, customer.Erasure!.Value));

        PersonalDataEntity token = Entity("Shop.Accounts.ApiToken");
        Assert.False(token.IsSubject);
        Assert.Equal(_app.Type("Shop.Accounts.Customer"), token.SubjectType);
        Assert.Equal(
            ["RefreshToken:credential:True", "DeviceName:device:False", "SessionLength:behaviour:False", "LastSeenTime:behaviour:False"],
            token.Members.Select(m => $"{m.Name}:{m.Kind}:{m.IsCredential}"));

        PersonalDataEntity review = Entity("Shop.Sales.Review");
        Assert.Equal(("AuthorId", "Code", ErasureAction.Anonymise, "[removed]"), (review.SubjectKeyMember, review.RowKeyMember, review.Erasure!.Value, review.Replacement));

        PersonalDataEntity order = Entity("Shop.Sales.Order");
        Assert.Equal((30, "PlacedAt"), (order.RetentionDays!.Value, order.RetentionFrom));

        PersonalDataEntity log = Entity("Shop.Logs.Requests.RequestLog");
        Assert.Null(log.SubjectType);
        Assert.Null(log.SubjectKeyMember);
        Assert.Null(log.Erasure);
        Assert.Equal("RequestLogId", log.RowKeyMember);
        Assert.Null(Entity("Shop.Logs.Requests.DailyHit").RowKeyMember);
        Assert.Equal("MemberId", Entity("Shop.Accounts.Member").RowKeyMember);
    }

    [Fact]
    public async Task The_export_writes_the_subjects_rows_with_typed_values_and_no_credential()
    {
        (int count, JsonElement rows, _) = await ExportAsync("Shop.Accounts.Customer", Alice);
        Assert.Equal(1, count);
        Assert.Equal(
            $$"""[{"Id":"{{Alice}}","Email":"alice@example.test","DisplayName":"Alice","Bio":null,"Avatar":"AQID","Tier":"Gold","BirthDate":"1990-04-01","Interests":["knitting","chess"],"BackupEmail":"alice.backup@example.test","Initial":"A"}]""",
            rows.GetRawText());

        (count, rows, string text) = await ExportAsync("Shop.Accounts.ApiToken", Alice);
        Assert.Equal(2, count);
        Assert.Equal(
            $$"""[{"Id":1,"CustomerId":"{{Alice}}","RefreshToken":"[credential, not exported]","DeviceName":"Alice\u0027s phone","SessionLength":"01:30:00","LastSeenTime":"13:45:30.0000000"},{"Id":2,"CustomerId":"{{Alice}}","RefreshToken":null,"DeviceName":"Alice\u0027s laptop","SessionLength":null,"LastSeenTime":"00:00:00.0000000"}]""",
            rows.GetRawText());
        Assert.DoesNotContain("secret-refresh-token", text, StringComparison.Ordinal);

        (count, rows, _) = await ExportAsync("Shop.Sales.Order", Alice);
        Assert.Equal(6, count);
        Assert.Equal([1L, 2, 3, 4, 5, 6], rows.EnumerateArray().Select(r => r.GetProperty("Id").GetInt64()));
        JsonElement first = rows[0];
        Assert.Equal((12.50m, 51.5), (first.GetProperty("Total").GetDecimal(), first.GetProperty("Latitude").GetDouble()));
        Assert.Equal(JsonValueKind.Null, rows[1].GetProperty("Latitude").ValueKind);
        Assert.False(first.TryGetProperty("PlacedAt", out _));

        // Rows the app's own filter hides are the subject's too; a float the JSON cannot hold is written as text.
        (count, rows, _) = await ExportAsync("Shop.Sales.Review", Alice);
        Assert.Equal(2, count);
        Assert.Equal(
            $$"""[{"Code":"r1","AuthorId":"{{Alice}}","Text":"Great yarn","Title":"Lovely","Stars":5,"Distance":1.5,"Photo":"CQ=="},{"Code":"r2","AuthorId":"{{Alice}}","Text":"spam","Title":null,"Stars":null,"Distance":"Infinity","Photo":""}]""",
            rows.GetRawText());

        (count, rows, _) = await ExportAsync("Shop.Accounts.Customer", Guid.NewGuid());
        Assert.Equal((0, "[]"), (count, rows.GetRawText()));

        // Not tied to anyone: no row is the subject's.
        (count, rows, _) = await ExportAsync("Shop.Logs.Requests.RequestLog", Alice);
        Assert.Equal((0, "[]"), (count, rows.GetRawText()));
    }

    [Fact]
    public async Task The_export_flushes_to_the_stream_as_it_goes()
    {
        PersonalDataEntity token = Entity("Shop.Accounts.ApiToken");
        string table = _context.Model.FindEntityType(token.ClrType)!.GetTableName()!;
        const int rows = 3000;
        await _context.Database.ExecuteSqlRawAsync(
            "WITH RECURSIVE n(i) AS (SELECT 100 UNION ALL SELECT i + 1 FROM n WHERE i < 100 + " + (rows - 1) + ") " +
            "INSERT INTO \"" + table + "\" (Id, CustomerId, RefreshToken, DeviceName, LastSeenTime) SELECT i, (SELECT CustomerId FROM \"" + table + "\" WHERE Id = 3), NULL, printf('%.200c', 'x'), '00:00:00' FROM n");

        using var stream = new CountingStream();
        await using (var writer = new Utf8JsonWriter(stream))
        {
            Assert.Equal(rows + 1, await token.WriteRowsAsync(_context, Bob, writer, CancellationToken.None));
            Assert.True(stream.Writes >= (rows * 250 / PersonalDataModelEmitter.FlushThreshold) - 1, $"{stream.Writes} writes");
            Assert.True(stream.LargestWrite < PersonalDataModelEmitter.FlushThreshold + 1024, $"a write of {stream.LargestWrite} bytes");
        }
    }

    [Fact]
    public async Task Marking_hides_the_subjects_rows_beside_the_apps_own_filter_and_restoring_shows_them()
    {
        string[] tied = ["Shop.Accounts.Customer", "Shop.Accounts.ApiToken", "Shop.Sales.Order", "Shop.Sales.Review"];
        Dictionary<string, int> before = Query<Dictionary<string, int>>("Visible");
        Assert.Equal((2, 3, 7, 2), (before["Customer"], before["ApiToken"], before["Order"], before["Review"]));

        int[] marked = await Task.WhenAll(tied.Select(name => Entity(name).MarkErasureRequestedAsync(_context, Alice, 1_000, CancellationToken.None)));
        Assert.Equal([1, 2, 6, 2], marked);
        Dictionary<string, int> hidden = Query<Dictionary<string, int>>("Visible");
        Assert.Equal((1, 1, 1, 1), (hidden["Customer"], hidden["ApiToken"], hidden["Order"], hidden["Review"]));

        PersonalDataEntity customer = Entity("Shop.Accounts.Customer");
        Assert.Equal((true, (long?)1_000), await customer.FindSubjectAsync(_context, Alice, CancellationToken.None));
        Assert.Equal((true, (long?)null), await customer.FindSubjectAsync(_context, Bob, CancellationToken.None));
        Assert.Equal((false, (long?)null), await customer.FindSubjectAsync(_context, Guid.NewGuid(), CancellationToken.None));
        Assert.Equal((false, (long?)null), await Entity("Shop.Sales.Order").FindSubjectAsync(_context, Alice, CancellationToken.None));

        Assert.Empty(await customer.FindErasuresRequestedAsync(_context, 999, 10, CancellationToken.None));
        Assert.Equal([(object)Alice], await customer.FindErasuresRequestedAsync(_context, 1_000, 10, CancellationToken.None));
        Assert.Empty(await customer.FindErasuresRequestedAsync(_context, 1_000, 0, CancellationToken.None));
        Assert.Empty(await Entity("Shop.Sales.Order").FindErasuresRequestedAsync(_context, 1_000, 10, CancellationToken.None));

        foreach (string name in tied)
        {
            await Entity(name).MarkErasureRequestedAsync(_context, Alice, null, CancellationToken.None);
        }

        Assert.Equal(before, Query<Dictionary<string, int>>("Visible"));
        Assert.Equal((true, (long?)null), await customer.FindSubjectAsync(_context, Alice, CancellationToken.None));
        Assert.Empty(await customer.FindErasuresRequestedAsync(_context, long.MaxValue, 10, CancellationToken.None));
    }

    [Fact]
    public async Task Erasing_deletes_or_anonymises_the_subjects_rows_only_and_again_finds_none()
    {
        foreach (string name in new[] { "Shop.Sales.Review", "Shop.Sales.Order" })
        {
            await Entity(name).MarkErasureRequestedAsync(_context, Alice, 1_000, CancellationToken.None);
        }

        Assert.Equal(1, await Entity("Shop.Accounts.Customer").EraseAsync(_context, Alice, CancellationToken.None));
        Assert.Equal(2, await Entity("Shop.Accounts.ApiToken").EraseAsync(_context, Alice, CancellationToken.None));
        Assert.Equal(6, await Entity("Shop.Sales.Order").EraseAsync(_context, Alice, CancellationToken.None));
        Assert.Equal(2, await Entity("Shop.Sales.Review").EraseAsync(_context, Alice, CancellationToken.None));
        Assert.Equal([7L], Query<List<long>>("OrderIds"));

        // Anonymised: no subject key, text replaced, other values cleared, the mark cleared (so visible again).
        Assert.Equal(
            ["r1||[removed]|[removed]|null|0|0", "r2||[removed]|[removed]|null|0|0", $"r3|{Bob}|Fine|null|3|0|0"],
            Query<List<string>>("Reviews"));
        Dictionary<string, int> visible = Query<Dictionary<string, int>>("Visible");
        Assert.Equal((1, 1, 1, 3), (visible["Customer"], visible["ApiToken"], visible["Order"], visible["Review"]));

        // Idempotent: erasing again finds nothing.
        foreach (string name in new[] { "Shop.Accounts.Customer", "Shop.Accounts.ApiToken", "Shop.Sales.Order", "Shop.Sales.Review" })
        {
            Assert.Equal(0, await Entity(name).EraseAsync(_context, Alice, CancellationToken.None));
        }

        // A text key; anonymised without a replacement: non-nullable text empty, nullable text null.
        Assert.Equal(1, await Entity("Shop.Sales.Post").EraseAsync(_context, "alice", CancellationToken.None));
        Assert.Equal(["null||null", "bob|Hello|null"], Query<List<string>>("Posts"));

        // Not tied to a subject: erasing leaves the rows.
        Assert.Equal(0, await Entity("Shop.Logs.Requests.RequestLog").EraseAsync(_context, Alice, CancellationToken.None));
        Assert.Equal([1, 2, 3, 4], Query<List<int>>("RequestIds"));
    }

    [Fact]
    public async Task A_subject_key_of_the_wrong_type_is_refused_without_its_value_and_one_that_converts_is_taken()
    {
        PersonalDataEntity visit = Entity("Shop.Sales.Visit");

        // A member's key is an int; the visit holds it as a long.
        Assert.Equal(1, await visit.MarkErasureRequestedAsync(_context, 7, 5, CancellationToken.None));
        Assert.Equal(1, await visit.MarkErasureRequestedAsync(_context, 7L, null, CancellationToken.None));

        ArgumentException wrong = await Assert.ThrowsAsync<ArgumentException>(() => visit.EraseAsync(_context, "key-7-in-text", CancellationToken.None));
        Assert.Equal("subjectKey", wrong.ParamName);
        Assert.Contains("'Shop.Sales.Visit' is a System.Int64, not a System.String", wrong.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("key-7-in-text", wrong.Message, StringComparison.Ordinal);

        wrong = await Assert.ThrowsAsync<ArgumentException>(() => Entity("Shop.Accounts.Author").FindSubjectAsync(_context, Alice, CancellationToken.None));
        Assert.DoesNotContain(Alice.ToString(), wrong.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ArgumentException>(() => Entity("Shop.Accounts.Customer").WriteRowsAsync(_context, null!, new Utf8JsonWriter(Stream.Null), CancellationToken.None));
    }

    [Fact]
    public async Task Expiring_deletes_the_oldest_expired_rows_a_bounded_batch_at_a_time()
    {
        // DateTimeOffset clocks SQLite stores as text: read as they stream by, oldest first across offsets (3, 1, 5, 2, 4).
        PersonalDataEntity order = Entity("Shop.Sales.Order");
        DateTimeOffset monthAgo = Now.AddDays(-30);
        Assert.Equal(2, await order.DeleteExpiredAsync(_context, monthAgo, 2, CancellationToken.None));
        Assert.Equal([2L, 4, 5, 6, 7], Query<List<long>>("OrderIds"));
        Assert.Equal(2, await order.DeleteExpiredAsync(_context, monthAgo, 2, CancellationToken.None));
        Assert.Equal([4L, 6, 7], Query<List<long>>("OrderIds"));
        Assert.Equal(1, await order.DeleteExpiredAsync(_context, monthAgo, 2, CancellationToken.None));
        Assert.Equal(0, await order.DeleteExpiredAsync(_context, monthAgo, 2, CancellationToken.None));
        Assert.Equal([6L, 7], Query<List<long>>("OrderIds"));

        // A DateTimeOffset clock stored through a value converter: compared by the database.
        PersonalDataEntity signIn = Entity("Shop.Logs.Requests.SignIn");
        Assert.Equal(1, await signIn.DeleteExpiredAsync(_context, Now.AddDays(-90), 1, CancellationToken.None));
        Assert.Equal([2, 3], Query<List<int>>("SignInIds"));
        Assert.Equal(1, await signIn.DeleteExpiredAsync(_context, Now.AddDays(-90), 1, CancellationToken.None));
        Assert.Equal(0, await signIn.DeleteExpiredAsync(_context, Now.AddDays(-90), 1, CancellationToken.None));
        Assert.Equal([3], Query<List<int>>("SignInIds"));

        // A nullable DateTime clock: a row without a time never expires.
        PersonalDataEntity log = Entity("Shop.Logs.Requests.RequestLog");
        Assert.Equal(2, await log.DeleteExpiredAsync(_context, Now.AddDays(-7), 10, CancellationToken.None));
        Assert.Equal([3, 4], Query<List<int>>("RequestIds"));

        // No single-member key: a batch ends at its last row's clock, and rows that share it go together.
        PersonalDataEntity hits = Entity("Shop.Logs.Requests.DailyHit");
        Assert.Equal(2, await hits.DeleteExpiredAsync(_context, Now.AddDays(-1), 1, CancellationToken.None));
        Assert.Equal(["2a", "3a"], Query<List<string>>("DailyHits"));
        Assert.Equal(1, await hits.DeleteExpiredAsync(_context, Now.AddDays(-1), 1, CancellationToken.None));
        Assert.Equal(0, await hits.DeleteExpiredAsync(_context, Now.AddDays(-1), 1, CancellationToken.None));
        Assert.Equal(["3a"], Query<List<string>>("DailyHits"));

        // No retention: nothing expires; a batch must hold a row.
        Assert.Equal(0, await Entity("Shop.Accounts.Customer").DeleteExpiredAsync(_context, Now, 10, CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => order.DeleteExpiredAsync(_context, Now, 0, CancellationToken.None));
    }

    /// <summary>A stream that counts what is written to it, and keeps none of it.</summary>
    private sealed class CountingStream : Stream
    {
        public int Writes { get; private set; }

        public int LargestWrite { get; private set; }

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            Writes++;
            LargestWrite = Math.Max(LargestWrite, buffer.Length);
        }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Write(buffer.Span);
            return ValueTask.CompletedTask;
        }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
