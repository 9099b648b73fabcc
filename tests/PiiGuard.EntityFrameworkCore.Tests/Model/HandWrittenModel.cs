// Stand-in for what PiiGuard's generator emits; the lead replaces it by the generator at merge.
//
// The personal data model of RightsTestContext, written by hand exactly as generated code would be: one
// PersonalDataEntity per entity of the data map, with typed queries and statements (lambdas over the entity types, no
// reflection), registered by a module initializer. The entities are in the data map's order (ordinal by name).
#pragma warning disable CA2255 // A module initializer in a library: the generated registration is one.

using System;
using System.Collections.Generic;
using System.Linq;
using System.Linq.Expressions;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PiiGuard.EntityFrameworkCore.Tests.App;

namespace PiiGuard.EntityFrameworkCore.Tests.Model;

/// <summary>Registers the model when the assembly loads.</summary>
internal static class RightsTestContextPersonalDataRegistration
{
    [ModuleInitializer]
    internal static void Register() => PersonalDataModel.Register(new RightsTestContextPersonalDataModel());
}

/// <summary>The personal data model of <see cref="RightsTestContext"/>.</summary>
internal sealed class RightsTestContextPersonalDataModel() : PersonalDataModel(
    typeof(RightsTestContext),
    PersonalDataDescription,
    [
        new ApiConnectionPersonalData(),
        new CommentPersonalData(),
        new LoginRecordPersonalData(),
        new NotePersonalData(),
        new NoteAttachmentPersonalData(),
        new UserPersonalData(),
    ])
{
    internal const string PersonalDataDescription = """
        # What we collect

        ## Contact

        | What | Why | How long | When you delete your account |
        |---|---|---|---|
        | User: email | to sign you in | until you delete your account | deleted |

        ## Identity

        | What | Why | How long | When you delete your account |
        |---|---|---|---|
        | User: name | to show who you are | until you delete your account | deleted |
        | User: username | to name your profile | until you delete your account | deleted |

        ## Network identifiers

        | What | Why | How long | When you delete your account |
        |---|---|---|---|
        | Login record: ip address | to alert you to sign-ins from a new place | 90 days | deleted |

        """;

    internal const string Namespace = "PiiGuard.EntityFrameworkCore.Tests.App.";

    /// <summary>Adds the erasure mark and the query filter that hides marked rows, combined with the app's own filter.</summary>
    internal static void HideErasureRequested<TEntity>(ModelBuilder modelBuilder)
        where TEntity : class
    {
        EntityTypeBuilder<TEntity> entity = modelBuilder.Entity<TEntity>();
        entity.Property<long?>(ErasureRequestedAtProperty);
        Expression<Func<TEntity, bool>> hide = row => EF.Property<long?>(row, ErasureRequestedAtProperty) == null;
        if (entity.Metadata.GetQueryFilter() is LambdaExpression own)
        {
            Expression body = new ParameterReplacer(own.Parameters[0], hide.Parameters[0]).Visit(own.Body);
            hide = Expression.Lambda<Func<TEntity, bool>>(Expression.AndAlso(body, hide.Body), hide.Parameters);
        }

        entity.HasQueryFilter(hide);
    }

    /// <summary>Flushes the writer to its stream when enough is pending, so that a large export streams.</summary>
    internal static ValueTask FlushIfFullAsync(Utf8JsonWriter writer, CancellationToken cancellationToken) =>
        writer.BytesPending >= 16 * 1024 ? new ValueTask(writer.FlushAsync(cancellationToken)) : ValueTask.CompletedTask;

    private sealed class ParameterReplacer(ParameterExpression from, ParameterExpression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : base.VisitParameter(node);
    }
}

internal sealed class ApiConnectionPersonalData() : PersonalDataEntity(
    typeof(ApiConnection),
    RightsTestContextPersonalDataModel.Namespace + "ApiConnection",
    "ApiConnection.json",
    typeof(User),
    "UserId",
    "Id",
    null,
    null,
    ErasureAction.Delete,
    null,
    [new PersonalDataMember("Token", "credential", "to call the service for you until you disconnect", isCredential: true)])
{
    public override void ConfigureModel(ModelBuilder modelBuilder) => RightsTestContextPersonalDataModel.HideErasureRequested<ApiConnection>(modelBuilder);

    public override async Task<int> WriteRowsAsync(DbContext context, object subjectKey, Utf8JsonWriter writer, CancellationToken cancellationToken)
    {
        Guid key = Key(subjectKey);
        int rows = 0;
        writer.WriteStartArray();
        await foreach (var row in context.Set<ApiConnection>().IgnoreQueryFilters().AsNoTracking()
            .Where(row => row.UserId == key).OrderBy(row => row.Id)
            .Select(row => new { row.Id, row.UserId })
            .AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            writer.WriteStartObject();
            writer.WriteString("Id", row.Id);
            writer.WriteString("UserId", row.UserId);
            writer.WriteString("Token", PersonalDataModel.CredentialPlaceholder);
            writer.WriteEndObject();
            rows++;
            await RightsTestContextPersonalDataModel.FlushIfFullAsync(writer, cancellationToken);
        }

        writer.WriteEndArray();
        return rows;
    }

    public override Task<int> MarkErasureRequestedAsync(DbContext context, object subjectKey, long? requestedAtUnixMilliseconds, CancellationToken cancellationToken)
    {
        Guid key = Key(subjectKey);
        return context.Set<ApiConnection>().IgnoreQueryFilters().Where(row => row.UserId == key)
            .ExecuteUpdateAsync(set => set.SetProperty(row => EF.Property<long?>(row, PersonalDataModel.ErasureRequestedAtProperty), requestedAtUnixMilliseconds), cancellationToken);
    }

    public override Task<int> EraseAsync(DbContext context, object subjectKey, CancellationToken cancellationToken)
    {
        Guid key = Key(subjectKey);
        return context.Set<ApiConnection>().IgnoreQueryFilters().Where(row => row.UserId == key).ExecuteDeleteAsync(cancellationToken);
    }

    public override Task<(bool Exists, long? ErasureRequestedAtUnixMilliseconds)> FindSubjectAsync(DbContext context, object subjectKey, CancellationToken cancellationToken)
    {
        _ = Key(subjectKey);
        return Task.FromResult<(bool, long?)>((false, null));
    }

    public override Task<IReadOnlyList<object>> FindErasuresRequestedAsync(DbContext context, long requestedAtOrBeforeUnixMilliseconds, int maxCount, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<object>>([]);

    public override Task<int> DeleteExpiredAsync(DbContext context, DateTimeOffset cutoff, int batchSize, CancellationToken cancellationToken) => Task.FromResult(0);

    private Guid Key(object subjectKey) => subjectKey is Guid key ? key : throw WrongSubjectKey(typeof(Guid), subjectKey);
}

internal sealed class CommentPersonalData() : PersonalDataEntity(
    typeof(Comment),
    RightsTestContextPersonalDataModel.Namespace + "Comment",
    "Comment.json",
    typeof(User),
    "AuthorId",
    "Id",
    null,
    null,
    ErasureAction.Anonymise,
    "[removed]",
    [new PersonalDataMember("Body", "user_content", "to show your comment to others", isCredential: false)])
{
    public override void ConfigureModel(ModelBuilder modelBuilder) => RightsTestContextPersonalDataModel.HideErasureRequested<Comment>(modelBuilder);

    public override async Task<int> WriteRowsAsync(DbContext context, object subjectKey, Utf8JsonWriter writer, CancellationToken cancellationToken)
    {
        Guid key = Key(subjectKey);
        int rows = 0;
        writer.WriteStartArray();
        await foreach (var row in context.Set<Comment>().IgnoreQueryFilters().AsNoTracking()
            .Where(row => row.AuthorId == key).OrderBy(row => row.Id)
            .Select(row => new { row.Id, row.AuthorId, row.Body })
            .AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            writer.WriteStartObject();
            writer.WriteString("Id", row.Id);
            if (row.AuthorId is { } author)
            {
                writer.WriteString("AuthorId", author);
            }
            else
            {
                writer.WriteNull("AuthorId");
            }

            writer.WriteString("Body", row.Body);
            writer.WriteEndObject();
            rows++;
            await RightsTestContextPersonalDataModel.FlushIfFullAsync(writer, cancellationToken);
        }

        writer.WriteEndArray();
        return rows;
    }

    public override Task<int> MarkErasureRequestedAsync(DbContext context, object subjectKey, long? requestedAtUnixMilliseconds, CancellationToken cancellationToken)
    {
        Guid key = Key(subjectKey);
        return context.Set<Comment>().IgnoreQueryFilters().Where(row => row.AuthorId == key)
            .ExecuteUpdateAsync(set => set.SetProperty(row => EF.Property<long?>(row, PersonalDataModel.ErasureRequestedAtProperty), requestedAtUnixMilliseconds), cancellationToken);
    }

    public override Task<int> EraseAsync(DbContext context, object subjectKey, CancellationToken cancellationToken)
    {
        Guid key = Key(subjectKey);
        return context.Set<Comment>().IgnoreQueryFilters().Where(row => row.AuthorId == key)
            .ExecuteUpdateAsync(
                set => set
                    .SetProperty(row => row.AuthorId, (Guid?)null)
                    .SetProperty(row => row.Body, "[removed]")
                    .SetProperty(row => EF.Property<long?>(row, PersonalDataModel.ErasureRequestedAtProperty), (long?)null),
                cancellationToken);
    }

    public override Task<(bool Exists, long? ErasureRequestedAtUnixMilliseconds)> FindSubjectAsync(DbContext context, object subjectKey, CancellationToken cancellationToken)
    {
        _ = Key(subjectKey);
        return Task.FromResult<(bool, long?)>((false, null));
    }

    public override Task<IReadOnlyList<object>> FindErasuresRequestedAsync(DbContext context, long requestedAtOrBeforeUnixMilliseconds, int maxCount, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<object>>([]);

    public override Task<int> DeleteExpiredAsync(DbContext context, DateTimeOffset cutoff, int batchSize, CancellationToken cancellationToken) => Task.FromResult(0);

    private Guid Key(object subjectKey) => subjectKey is Guid key ? key : throw WrongSubjectKey(typeof(Guid), subjectKey);
}

internal sealed class LoginRecordPersonalData() : PersonalDataEntity(
    typeof(LoginRecord),
    RightsTestContextPersonalDataModel.Namespace + "LoginRecord",
    "LoginRecord.json",
    typeof(User),
    "UserId",
    "Id",
    90,
    "OccurredAt",
    ErasureAction.Delete,
    null,
    [new PersonalDataMember("IpAddress", "network_identifier", "to alert you to sign-ins from a new place", isCredential: false)])
{
    public override void ConfigureModel(ModelBuilder modelBuilder) => RightsTestContextPersonalDataModel.HideErasureRequested<LoginRecord>(modelBuilder);

    public override async Task<int> WriteRowsAsync(DbContext context, object subjectKey, Utf8JsonWriter writer, CancellationToken cancellationToken)
    {
        Guid key = Key(subjectKey);
        int rows = 0;
        writer.WriteStartArray();
        await foreach (var row in context.Set<LoginRecord>().IgnoreQueryFilters().AsNoTracking()
            .Where(row => row.UserId == key).OrderBy(row => row.Id)
            .Select(row => new { row.Id, row.UserId, row.IpAddress })
            .AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            writer.WriteStartObject();
            writer.WriteString("Id", row.Id);
            writer.WriteString("UserId", row.UserId);
            if (row.IpAddress is null)
            {
                writer.WriteNull("IpAddress");
            }
            else
            {
                writer.WriteString("IpAddress", row.IpAddress);
            }

            writer.WriteEndObject();
            rows++;
            await RightsTestContextPersonalDataModel.FlushIfFullAsync(writer, cancellationToken);
        }

        writer.WriteEndArray();
        return rows;
    }

    public override Task<int> MarkErasureRequestedAsync(DbContext context, object subjectKey, long? requestedAtUnixMilliseconds, CancellationToken cancellationToken)
    {
        Guid key = Key(subjectKey);
        return context.Set<LoginRecord>().IgnoreQueryFilters().Where(row => row.UserId == key)
            .ExecuteUpdateAsync(set => set.SetProperty(row => EF.Property<long?>(row, PersonalDataModel.ErasureRequestedAtProperty), requestedAtUnixMilliseconds), cancellationToken);
    }

    public override Task<int> EraseAsync(DbContext context, object subjectKey, CancellationToken cancellationToken)
    {
        Guid key = Key(subjectKey);
        return context.Set<LoginRecord>().IgnoreQueryFilters().Where(row => row.UserId == key).ExecuteDeleteAsync(cancellationToken);
    }

    public override Task<(bool Exists, long? ErasureRequestedAtUnixMilliseconds)> FindSubjectAsync(DbContext context, object subjectKey, CancellationToken cancellationToken)
    {
        _ = Key(subjectKey);
        return Task.FromResult<(bool, long?)>((false, null));
    }

    public override Task<IReadOnlyList<object>> FindErasuresRequestedAsync(DbContext context, long requestedAtOrBeforeUnixMilliseconds, int maxCount, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<object>>([]);

    public override Task<int> DeleteExpiredAsync(DbContext context, DateTimeOffset cutoff, int batchSize, CancellationToken cancellationToken) =>
        context.Set<LoginRecord>().IgnoreQueryFilters()
            .Where(row => row.OccurredAt < cutoff).OrderBy(row => row.OccurredAt).Take(batchSize)
            .ExecuteDeleteAsync(cancellationToken);

    private Guid Key(object subjectKey) => subjectKey is Guid key ? key : throw WrongSubjectKey(typeof(Guid), subjectKey);
}

internal sealed class NotePersonalData() : PersonalDataEntity(
    typeof(Note),
    RightsTestContextPersonalDataModel.Namespace + "Note",
    "Note.json",
    typeof(User),
    "OwnerId",
    "Id",
    null,
    null,
    ErasureAction.Delete,
    null,
    [
        new PersonalDataMember("Title", "user_content", "to keep your notes", isCredential: false),
        new PersonalDataMember("Body", "user_content", "to keep your notes", isCredential: false),
    ])
{
    public override void ConfigureModel(ModelBuilder modelBuilder) => RightsTestContextPersonalDataModel.HideErasureRequested<Note>(modelBuilder);

    public override async Task<int> WriteRowsAsync(DbContext context, object subjectKey, Utf8JsonWriter writer, CancellationToken cancellationToken)
    {
        Guid key = Key(subjectKey);
        int rows = 0;
        writer.WriteStartArray();
        await foreach (var row in context.Set<Note>().IgnoreQueryFilters().AsNoTracking()
            .Where(row => row.OwnerId == key).OrderBy(row => row.Id)
            .Select(row => new { row.Id, row.OwnerId, row.Title, row.Body })
            .AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            writer.WriteStartObject();
            writer.WriteString("Id", row.Id);
            writer.WriteString("OwnerId", row.OwnerId);
            writer.WriteString("Title", row.Title);
            writer.WriteString("Body", row.Body);
            writer.WriteEndObject();
            rows++;
            await RightsTestContextPersonalDataModel.FlushIfFullAsync(writer, cancellationToken);
        }

        writer.WriteEndArray();
        return rows;
    }

    public override Task<int> MarkErasureRequestedAsync(DbContext context, object subjectKey, long? requestedAtUnixMilliseconds, CancellationToken cancellationToken)
    {
        Guid key = Key(subjectKey);
        return context.Set<Note>().IgnoreQueryFilters().Where(row => row.OwnerId == key)
            .ExecuteUpdateAsync(set => set.SetProperty(row => EF.Property<long?>(row, PersonalDataModel.ErasureRequestedAtProperty), requestedAtUnixMilliseconds), cancellationToken);
    }

    public override Task<int> EraseAsync(DbContext context, object subjectKey, CancellationToken cancellationToken)
    {
        Guid key = Key(subjectKey);
        return context.Set<Note>().IgnoreQueryFilters().Where(row => row.OwnerId == key).ExecuteDeleteAsync(cancellationToken);
    }

    public override Task<(bool Exists, long? ErasureRequestedAtUnixMilliseconds)> FindSubjectAsync(DbContext context, object subjectKey, CancellationToken cancellationToken)
    {
        _ = Key(subjectKey);
        return Task.FromResult<(bool, long?)>((false, null));
    }

    public override Task<IReadOnlyList<object>> FindErasuresRequestedAsync(DbContext context, long requestedAtOrBeforeUnixMilliseconds, int maxCount, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<object>>([]);

    public override Task<int> DeleteExpiredAsync(DbContext context, DateTimeOffset cutoff, int batchSize, CancellationToken cancellationToken) => Task.FromResult(0);

    private Guid Key(object subjectKey) => subjectKey is Guid key ? key : throw WrongSubjectKey(typeof(Guid), subjectKey);
}

internal sealed class NoteAttachmentPersonalData() : PersonalDataEntity(
    typeof(NoteAttachment),
    RightsTestContextPersonalDataModel.Namespace + "NoteAttachment",
    "NoteAttachment.json",
    typeof(User),
    "OwnerId",
    "Id",
    null,
    null,
    ErasureAction.Delete,
    null,
    [new PersonalDataMember("FileName", "user_content", "to keep your attachments", isCredential: false)])
{
    public override void ConfigureModel(ModelBuilder modelBuilder) => RightsTestContextPersonalDataModel.HideErasureRequested<NoteAttachment>(modelBuilder);

    public override async Task<int> WriteRowsAsync(DbContext context, object subjectKey, Utf8JsonWriter writer, CancellationToken cancellationToken)
    {
        Guid key = Key(subjectKey);
        int rows = 0;
        writer.WriteStartArray();
        await foreach (var row in context.Set<NoteAttachment>().IgnoreQueryFilters().AsNoTracking()
            .Where(row => row.OwnerId == key).OrderBy(row => row.Id)
            .Select(row => new { row.Id, row.OwnerId, row.FileName })
            .AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            writer.WriteStartObject();
            writer.WriteString("Id", row.Id);
            writer.WriteString("OwnerId", row.OwnerId);
            writer.WriteString("FileName", row.FileName);
            writer.WriteEndObject();
            rows++;
            await RightsTestContextPersonalDataModel.FlushIfFullAsync(writer, cancellationToken);
        }

        writer.WriteEndArray();
        return rows;
    }

    public override Task<int> MarkErasureRequestedAsync(DbContext context, object subjectKey, long? requestedAtUnixMilliseconds, CancellationToken cancellationToken)
    {
        Guid key = Key(subjectKey);
        return context.Set<NoteAttachment>().IgnoreQueryFilters().Where(row => row.OwnerId == key)
            .ExecuteUpdateAsync(set => set.SetProperty(row => EF.Property<long?>(row, PersonalDataModel.ErasureRequestedAtProperty), requestedAtUnixMilliseconds), cancellationToken);
    }

    public override Task<int> EraseAsync(DbContext context, object subjectKey, CancellationToken cancellationToken)
    {
        Guid key = Key(subjectKey);
        return context.Set<NoteAttachment>().IgnoreQueryFilters().Where(row => row.OwnerId == key).ExecuteDeleteAsync(cancellationToken);
    }

    public override Task<(bool Exists, long? ErasureRequestedAtUnixMilliseconds)> FindSubjectAsync(DbContext context, object subjectKey, CancellationToken cancellationToken)
    {
        _ = Key(subjectKey);
        return Task.FromResult<(bool, long?)>((false, null));
    }

    public override Task<IReadOnlyList<object>> FindErasuresRequestedAsync(DbContext context, long requestedAtOrBeforeUnixMilliseconds, int maxCount, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<object>>([]);

    public override Task<int> DeleteExpiredAsync(DbContext context, DateTimeOffset cutoff, int batchSize, CancellationToken cancellationToken) => Task.FromResult(0);

    private Guid Key(object subjectKey) => subjectKey is Guid key ? key : throw WrongSubjectKey(typeof(Guid), subjectKey);
}

internal sealed class UserPersonalData() : PersonalDataEntity(
    typeof(User),
    RightsTestContextPersonalDataModel.Namespace + "User",
    "User.json",
    typeof(User),
    "Id",
    "Id",
    null,
    null,
    ErasureAction.Delete,
    null,
    [
        new PersonalDataMember("Email", "contact", "to sign you in", isCredential: false),
        new PersonalDataMember("Name", "identity", "to show who you are", isCredential: false),
        new PersonalDataMember("Username", "identity", "to name your profile", isCredential: false),
        new PersonalDataMember("Bio", "profile", "to show on your profile", isCredential: false),
        new PersonalDataMember("PasswordHash", "credential", "to check your password", isCredential: true),
    ])
{
    public override void ConfigureModel(ModelBuilder modelBuilder) => RightsTestContextPersonalDataModel.HideErasureRequested<User>(modelBuilder);

    public override async Task<int> WriteRowsAsync(DbContext context, object subjectKey, Utf8JsonWriter writer, CancellationToken cancellationToken)
    {
        Guid key = Key(subjectKey);
        int rows = 0;
        writer.WriteStartArray();
        await foreach (var row in context.Set<User>().IgnoreQueryFilters().AsNoTracking()
            .Where(row => row.Id == key)
            .Select(row => new { row.Id, row.Email, row.Name, row.Username, row.Bio })
            .AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            writer.WriteStartObject();
            writer.WriteString("Id", row.Id);
            writer.WriteString("Email", row.Email);
            writer.WriteString("Name", row.Name);
            writer.WriteString("Username", row.Username);
            if (row.Bio is null)
            {
                writer.WriteNull("Bio");
            }
            else
            {
                writer.WriteString("Bio", row.Bio);
            }

            writer.WriteString("PasswordHash", PersonalDataModel.CredentialPlaceholder);
            writer.WriteEndObject();
            rows++;
            await RightsTestContextPersonalDataModel.FlushIfFullAsync(writer, cancellationToken);
        }

        writer.WriteEndArray();
        return rows;
    }

    public override Task<int> MarkErasureRequestedAsync(DbContext context, object subjectKey, long? requestedAtUnixMilliseconds, CancellationToken cancellationToken)
    {
        Guid key = Key(subjectKey);
        return context.Set<User>().IgnoreQueryFilters().Where(row => row.Id == key)
            .ExecuteUpdateAsync(set => set.SetProperty(row => EF.Property<long?>(row, PersonalDataModel.ErasureRequestedAtProperty), requestedAtUnixMilliseconds), cancellationToken);
    }

    public override Task<int> EraseAsync(DbContext context, object subjectKey, CancellationToken cancellationToken)
    {
        Guid key = Key(subjectKey);
        return context.Set<User>().IgnoreQueryFilters().Where(row => row.Id == key).ExecuteDeleteAsync(cancellationToken);
    }

    public override async Task<(bool Exists, long? ErasureRequestedAtUnixMilliseconds)> FindSubjectAsync(DbContext context, object subjectKey, CancellationToken cancellationToken)
    {
        Guid key = Key(subjectKey);
        var found = await context.Set<User>().IgnoreQueryFilters().AsNoTracking()
            .Where(row => row.Id == key)
            .Select(row => new { RequestedAt = EF.Property<long?>(row, PersonalDataModel.ErasureRequestedAtProperty) })
            .FirstOrDefaultAsync(cancellationToken);
        return found is null ? (false, null) : (true, found.RequestedAt);
    }

    public override async Task<IReadOnlyList<object>> FindErasuresRequestedAsync(DbContext context, long requestedAtOrBeforeUnixMilliseconds, int maxCount, CancellationToken cancellationToken)
    {
        List<Guid> keys = await context.Set<User>().IgnoreQueryFilters().AsNoTracking()
            .Where(row => EF.Property<long?>(row, PersonalDataModel.ErasureRequestedAtProperty) <= requestedAtOrBeforeUnixMilliseconds)
            .OrderBy(row => EF.Property<long?>(row, PersonalDataModel.ErasureRequestedAtProperty)).ThenBy(row => row.Id)
            .Select(row => row.Id)
            .Take(maxCount)
            .ToListAsync(cancellationToken);
        return keys.ConvertAll(key => (object)key);
    }

    public override Task<int> DeleteExpiredAsync(DbContext context, DateTimeOffset cutoff, int batchSize, CancellationToken cancellationToken) => Task.FromResult(0);

    private Guid Key(object subjectKey) => subjectKey is Guid key ? key : throw WrongSubjectKey(typeof(Guid), subjectKey);
}
