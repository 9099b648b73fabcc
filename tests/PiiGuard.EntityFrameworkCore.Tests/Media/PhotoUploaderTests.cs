using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using MetadataExtractor;
using MetadataExtractor.Formats.Exif;
using MetadataExtractor.Formats.FileType;
using MetadataExtractor.Formats.Iptc;
using MetadataExtractor.Formats.Jfif;
using MetadataExtractor.Formats.Jpeg;
using MetadataExtractor.Formats.Png;
using MetadataExtractor.Formats.Xmp;
using PiiGuard.EntityFrameworkCore.Photos;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using MetadataDirectory = MetadataExtractor.Directory;

namespace PiiGuard.EntityFrameworkCore.Tests.Media;

/// <summary>
/// <see cref="PhotoUploader"/>: photos made with metadata (ImageSharp) go in, and what comes out is read back with
/// MetadataExtractor, a reader that knows every block a camera or an editor writes.
/// </summary>
public sealed class PhotoUploaderTests
{
    /// <summary>
    /// What a stored photo may still show MetadataExtractor: the structure of the file, nothing written about it (and in
    /// a PNG the IHDR header and the sBIT chunk, the significant bits per channel, that Skia writes).
    /// </summary>
    private static readonly Type[] StructuralDirectories =
    [
        typeof(JpegDirectory), typeof(JfifDirectory), typeof(HuffmanTablesDirectory), typeof(FileTypeDirectory),
    ];

    [Fact]
    public async Task A_JPEG_loses_its_GPS_position_EXIF_XMP_and_IPTC()
    {
        byte[] upload = TestPhotos.JpegWithEverything();
        IReadOnlyList<MetadataDirectory> before = Read(upload);
        // The photo really carries what the test says it removes.
        Assert.Contains(before, d => d is GpsDirectory gps && gps.GetGeoLocation() is { } location && Math.Abs(location.Latitude - 52.5201) < 0.001);
        Assert.Contains(before, d => d is ExifIfd0Directory ifd0 && ifd0.GetString(ExifDirectoryBase.TagMake) == TestPhotos.CameraMake);
        Assert.Contains(before, d => d is ExifSubIfdDirectory);
        Assert.Contains(before, d => d is XmpDirectory);
        Assert.Contains(before, d => d is IptcDirectory iptc && iptc.GetString(IptcDirectory.TagByLine) == TestPhotos.Photographer);

        (StoredPhoto stored, byte[] bytes) = await StoreAsync(upload);

        Assert.Equal("image/jpeg", stored.ContentType);
        Assert.Equal(".jpg", stored.FileExtension);
        Assert.Equal(bytes.Length, stored.Length);
        IReadOnlyList<MetadataDirectory> after = Read(bytes);
        Assert.DoesNotContain(after, d => d is GpsDirectory);
        Assert.DoesNotContain(after, d => d is ExifIfd0Directory);
        Assert.DoesNotContain(after, d => d is ExifSubIfdDirectory);
        Assert.DoesNotContain(after, d => d is XmpDirectory);
        Assert.DoesNotContain(after, d => d is IptcDirectory);
        AssertOnlyStructure(after);
        AssertNoMetadataText(bytes);
        AssertPixels(bytes, 64, 48, tolerance: 24);
    }

    [Fact]
    public async Task A_PNG_loses_its_eXIf_and_tEXt_chunks()
    {
        byte[] upload = TestPhotos.PngWithExifAndText();
        IReadOnlyList<MetadataDirectory> before = Read(upload);
        Assert.Contains(before, d => d is GpsDirectory);
        Assert.Contains(before, d => d is ExifIfd0Directory ifd0 && ifd0.GetString(ExifDirectoryBase.TagMake) == TestPhotos.CameraMake);
        Assert.Contains(before, d => d is PngDirectory png && png.GetPngChunkType() == PngChunkType.tEXt);
        Assert.Contains(TestPhotos.PngTextValue, Encoding.Latin1.GetString(upload));

        (StoredPhoto stored, byte[] bytes) = await StoreAsync(upload);

        Assert.Equal("image/png", stored.ContentType);
        Assert.Equal(".png", stored.FileExtension);
        IReadOnlyList<MetadataDirectory> after = Read(bytes);
        Assert.DoesNotContain(after, d => d is GpsDirectory or ExifIfd0Directory or ExifSubIfdDirectory or XmpDirectory or IptcDirectory);
        Assert.DoesNotContain(after, d => d is PngDirectory png && (png.GetPngChunkType() == PngChunkType.tEXt || png.GetPngChunkType() == PngChunkType.zTXt || png.GetPngChunkType() == PngChunkType.iTXt));
        AssertOnlyStructure(after);
        AssertNoMetadataText(bytes);
        // Lossless: the colours are the same.
        AssertPixels(bytes, 64, 48, tolerance: 0);
    }

    [Theory]
    [InlineData("jpeg")]
    [InlineData("png")]
    public async Task Bytes_hidden_after_the_image_are_not_stored(string format)
    {
        byte[] image = format == "jpeg" ? TestPhotos.JpegWithOrientation(32, 16, orientation: 1) : TestPhotos.GreyPng(32, 16);
        byte[] hidden = Encoding.ASCII.GetBytes("Hidden after the end: " + TestPhotos.Photographer);
        byte[] upload = [.. image, .. hidden];

        (StoredPhoto stored, byte[] bytes) = await StoreAsync(upload);

        Assert.Equal((32, 16), (stored.Width, stored.Height));
        Assert.DoesNotContain("Hidden after the end", Encoding.Latin1.GetString(bytes), StringComparison.Ordinal);
        AssertNoMetadataText(bytes);
    }

    [Fact]
    public async Task The_format_is_judged_by_the_bytes_and_kept()
    {
        // The caller's name or declared type never reaches the uploader: a PNG is a PNG because its bytes say so.
        (StoredPhoto png, byte[] pngBytes) = await StoreAsync(TestPhotos.GreyPng(10, 6));
        Assert.Equal(("image/png", 10, 6), (png.ContentType, png.Width, png.Height));
        Assert.IsType<PngDirectory>(Read(pngBytes).First(d => d is PngDirectory), exactMatch: true);
    }

    [Fact]
    public async Task Orientation_6_turns_a_4x2_image_into_2x4()
    {
        (StoredPhoto stored, byte[] bytes) = await StoreAsync(TestPhotos.JpegWithOrientation(4, 2, orientation: 6));

        Assert.Equal((2, 4), (stored.Width, stored.Height));
        using Image<Rgb24> image = Image.Load<Rgb24>(bytes);
        Assert.Equal((2, 4), (image.Width, image.Height));
        Assert.DoesNotContain(Read(bytes), d => d is ExifIfd0Directory);
    }

    /// <summary>
    /// Each EXIF orientation, on a photo of four coloured quadrants, against where the EXIF specification puts the
    /// stored rows and columns: the quadrant colours expected top left, top right, bottom left and bottom right.
    /// </summary>
    [Theory]
    [InlineData(1, "red", "green", "blue", "yellow")]   // upright
    [InlineData(2, "green", "red", "yellow", "blue")]   // mirrored left to right
    [InlineData(3, "yellow", "blue", "green", "red")]   // upside down
    [InlineData(4, "blue", "yellow", "red", "green")]   // mirrored top to bottom
    [InlineData(5, "red", "blue", "green", "yellow")]   // row 0 is the left side, column 0 the top
    [InlineData(6, "blue", "red", "yellow", "green")]   // row 0 is the right side, column 0 the top: a quarter clockwise
    [InlineData(7, "yellow", "green", "blue", "red")]   // row 0 is the right side, column 0 the bottom
    [InlineData(8, "green", "yellow", "red", "blue")]   // row 0 is the left side, column 0 the bottom: a quarter anticlockwise
    public async Task Every_orientation_is_applied_to_the_pixels(ushort orientation, string topLeft, string topRight, string bottomLeft, string bottomRight)
    {
        (StoredPhoto stored, byte[] bytes) = await StoreAsync(TestPhotos.JpegWithOrientation(64, 32, orientation));

        bool turned = orientation >= 5;
        (int width, int height) = turned ? (32, 64) : (64, 32);
        Assert.Equal((width, height), (stored.Width, stored.Height));
        using Image<Rgb24> image = Image.Load<Rgb24>(bytes);
        Assert.Equal((width, height), (image.Width, image.Height));
        string[] seen =
        [
            Name(image[width / 4, height / 4]), Name(image[width * 3 / 4, height / 4]),
            Name(image[width / 4, height * 3 / 4]), Name(image[width * 3 / 4, height * 3 / 4]),
        ];
        Assert.Equal([topLeft, topRight, bottomLeft, bottomRight], seen);
    }

    [Fact]
    public async Task A_GIF_is_refused_as_an_unsupported_format()
    {
        PhotoRejectedException error = await RefusedAsync(TestPhotos.Gif());
        Assert.Equal(PhotoRejectionReason.UnsupportedFormat, error.Reason);
        Assert.Contains("GIF", error.Message, StringComparison.Ordinal);
        Assert.Contains("only JPEG and PNG", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_truncated_JPEG_is_refused_as_corrupt()
    {
        byte[] jpeg = TestPhotos.JpegWithOrientation(256, 256, orientation: 1);
        PhotoRejectedException error = await RefusedAsync(jpeg.AsSpan(0, jpeg.Length * 2 / 3).ToArray());
        Assert.Equal(PhotoRejectionReason.Corrupt, error.Reason);
        Assert.Contains("JPEG", error.Message, StringComparison.Ordinal);
        Assert.Contains("truncated", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_JPEG_cut_inside_its_header_is_refused_as_corrupt()
    {
        byte[] jpeg = TestPhotos.JpegWithEverything();
        PhotoRejectedException error = await RefusedAsync(jpeg.AsSpan(0, 40).ToArray());
        Assert.Equal(PhotoRejectionReason.Corrupt, error.Reason);
    }

    [Theory]
    [InlineData("hi")]
    [InlineData("abc")]
    [InlineData("{}")]
    [InlineData("GIF")]
    public async Task A_short_upload_that_starts_no_JPEG_or_PNG_is_not_an_image_not_a_damaged_one(string text)
    {
        // Too short for the decoder to tell its format: it says the input is incomplete, whatever the bytes.
        PhotoRejectedException error = await RefusedAsync(Encoding.UTF8.GetBytes(text));
        Assert.Equal(PhotoRejectionReason.NotAnImage, error.Reason);
    }

    [Theory]
    [InlineData(new byte[] { 0xFF, 0xD8 })]
    [InlineData(new byte[] { 0xFF, 0xD8, 0xFF })]
    [InlineData(new byte[] { 0x89, 0x50, 0x4E, 0x47 })]
    [InlineData(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00 })]
    public async Task A_short_upload_that_starts_like_a_JPEG_or_PNG_is_a_damaged_one(byte[] start) =>
        Assert.Equal(PhotoRejectionReason.Corrupt, (await RefusedAsync(start)).Reason);

    [Fact]
    public async Task Random_bytes_and_an_empty_upload_are_not_images()
    {
        byte[] noise = new byte[4096];
        new Random(1414).NextBytes(noise);
        PhotoRejectedException error = await RefusedAsync(noise);
        Assert.Equal(PhotoRejectionReason.NotAnImage, error.Reason);
        Assert.Contains("not a JPEG or PNG image", error.Message, StringComparison.Ordinal);

        Assert.Equal(PhotoRejectionReason.NotAnImage, (await RefusedAsync([])).Reason);
        Assert.Equal(PhotoRejectionReason.NotAnImage, (await RefusedAsync(Encoding.UTF8.GetBytes("<svg xmlns=\"http://www.w3.org/2000/svg\"/>"))).Reason);
    }

    [Fact]
    public async Task The_pixel_limit_refuses_an_image_by_its_header_before_decoding_it()
    {
        byte[] large = TestPhotos.GreyPng(4000, 4000);
        var options = new PhotoUploadOptions { MaxPixels = 1_000_000 };

        PhotoRejectedException whole = await RefusedAsync(large, options);
        Assert.Equal(PhotoRejectionReason.TooManyPixels, whole.Reason);
        Assert.Contains("4000 x 4000", whole.Message, StringComparison.Ordinal);
        Assert.Contains("1000000", whole.Message, StringComparison.Ordinal);

        // Only the header and the start of the pixel data: decoding would find it truncated (Corrupt). It is refused
        // for its size, so the limit was judged before any decoding.
        byte[] start = large.AsSpan(0, 200).ToArray();
        Assert.Equal(PhotoRejectionReason.Corrupt, (await RefusedAsync(start)).Reason);
        Assert.Equal(PhotoRejectionReason.TooManyPixels, (await RefusedAsync(start, options)).Reason);
    }

    [Fact]
    public async Task The_pixel_limit_is_inclusive()
    {
        byte[] png = TestPhotos.GreyPng(64, 48);
        (StoredPhoto stored, _) = await StoreAsync(png, new PhotoUploadOptions { MaxPixels = 64 * 48 });
        Assert.Equal((64, 48), (stored.Width, stored.Height));
        Assert.Equal(PhotoRejectionReason.TooManyPixels, (await RefusedAsync(png, new PhotoUploadOptions { MaxPixels = (64 * 48) - 1 })).Reason);
    }

    [Fact]
    public async Task The_byte_limit_stops_reading_one_byte_past_it()
    {
        byte[] jpeg = TestPhotos.JpegWithEverything(256, 256);
        Assert.True(jpeg.Length > 1000);
        var unseekable = new CountingStream(jpeg);
        var options = new PhotoUploadOptions { MaxBytes = 500 };

        PhotoRejectedException error = await RefusedAsync(unseekable, options);
        Assert.Equal(PhotoRejectionReason.TooManyBytes, error.Reason);
        Assert.Contains("500 bytes", error.Message, StringComparison.Ordinal);
        Assert.Equal(501, unseekable.BytesRead);

        // A seekable upload is refused by its length, before any byte is read.
        var seekable = new MemoryStream(jpeg);
        Assert.Equal(PhotoRejectionReason.TooManyBytes, (await RefusedAsync(seekable, options)).Reason);
        Assert.Equal(0, seekable.Position);

        // Exactly at the limit is accepted.
        (StoredPhoto stored, _) = await StoreAsync(jpeg, new PhotoUploadOptions { MaxBytes = jpeg.Length });
        Assert.Equal(256, stored.Width);
    }

    [Fact]
    public void Options_out_of_range_are_refused_when_the_uploader_is_made()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new PhotoUploader(new PhotoUploadOptions { MaxBytes = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new PhotoUploader(new PhotoUploadOptions { MaxBytes = (long)Array.MaxLength + 1 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new PhotoUploader(new PhotoUploadOptions { MaxPixels = -1 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new PhotoUploader(new PhotoUploadOptions { JpegQuality = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new PhotoUploader(new PhotoUploadOptions { JpegQuality = 101 }));
        var defaults = new PhotoUploadOptions();
        Assert.Equal((20L * 1024 * 1024, 50_000_000L, 90), (defaults.MaxBytes, defaults.MaxPixels, defaults.JpegQuality));
    }

    [Fact]
    public async Task The_streams_are_left_open_and_written_from_their_position()
    {
        var destination = new MemoryStream();
        destination.Write("prefix"u8);
        var upload = new MemoryStream(TestPhotos.GreyPng(8, 8));
        StoredPhoto stored = await new PhotoUploader().StoreAsync(upload, destination);

        Assert.Equal(6 + stored.Length, destination.Length);
        Assert.True(upload.CanRead && destination.CanWrite);
        Assert.Equal("prefix", Encoding.ASCII.GetString(destination.GetBuffer(), 0, 6));
    }

    private static async Task<(StoredPhoto Stored, byte[] Bytes)> StoreAsync(byte[] upload, PhotoUploadOptions? options = null)
    {
        using var destination = new MemoryStream();
        StoredPhoto stored = await new PhotoUploader(options).StoreAsync(new MemoryStream(upload), destination);
        return (stored, destination.ToArray());
    }

    private static Task<PhotoRejectedException> RefusedAsync(byte[] upload, PhotoUploadOptions? options = null) =>
        RefusedAsync(new MemoryStream(upload), options);

    private static async Task<PhotoRejectedException> RefusedAsync(Stream upload, PhotoUploadOptions? options = null)
    {
        using var destination = new MemoryStream();
        PhotoRejectedException error = await Assert.ThrowsAsync<PhotoRejectedException>(() => new PhotoUploader(options).StoreAsync(upload, destination));
        Assert.Equal(0, destination.Length);
        return error;
    }

    private static IReadOnlyList<MetadataDirectory> Read(byte[] image) => ImageMetadataReader.ReadMetadata(new MemoryStream(image));

    private static void AssertOnlyStructure(IReadOnlyList<MetadataDirectory> directories)
    {
        foreach (MetadataDirectory directory in directories)
        {
            bool structural = StructuralDirectories.Contains(directory.GetType())
                || (directory is PngDirectory png && (png.GetPngChunkType() == PngChunkType.IHDR || png.GetPngChunkType() == PngChunkType.sBIT));
            Assert.True(structural, $"The stored photo still has a {directory.Name} directory: {string.Join("; ", directory.Tags.Select(t => t.Name))}");
        }
    }

    private static void AssertNoMetadataText(byte[] stored)
    {
        string text = Encoding.Latin1.GetString(stored);
        foreach (string word in new[] { TestPhotos.CameraMake, TestPhotos.Photographer, TestPhotos.XmpCreatorTool, TestPhotos.PngTextValue, "Exif\0\0", "ns.adobe.com", "Photoshop 3.0", "eXIf", "tEXt", "iCCP", "ICC_PROFILE" })
        {
            Assert.DoesNotContain(word, text, StringComparison.Ordinal);
        }
    }

    private static void AssertPixels(byte[] stored, int width, int height, int tolerance)
    {
        using Image<Rgb24> image = Image.Load<Rgb24>(stored);
        Assert.Equal((width, height), (image.Width, image.Height));
        AssertClose(TestPhotos.TopLeft, image[width / 4, height / 4], tolerance);
        AssertClose(TestPhotos.TopRight, image[width * 3 / 4, height / 4], tolerance);
        AssertClose(TestPhotos.BottomLeft, image[width / 4, height * 3 / 4], tolerance);
        AssertClose(TestPhotos.BottomRight, image[width * 3 / 4, height * 3 / 4], tolerance);
    }

    private static void AssertClose(Rgb24 expected, Rgb24 actual, int tolerance) =>
        Assert.True(
            Math.Abs(expected.R - actual.R) <= tolerance && Math.Abs(expected.G - actual.G) <= tolerance && Math.Abs(expected.B - actual.B) <= tolerance,
            $"Expected a colour close to {expected} (within {tolerance}), found {actual}.");

    /// <summary>The quadrant colour nearest to <paramref name="pixel"/>.</summary>
    private static string Name(Rgb24 pixel)
    {
        (string Name, Rgb24 Colour)[] colours = [("red", TestPhotos.TopLeft), ("green", TestPhotos.TopRight), ("blue", TestPhotos.BottomLeft), ("yellow", TestPhotos.BottomRight)];
        return colours.MinBy(c => Math.Abs(c.Colour.R - pixel.R) + Math.Abs(c.Colour.G - pixel.G) + Math.Abs(c.Colour.B - pixel.B)).Name;
    }

    /// <summary>An upload that cannot seek and counts what is read from it.</summary>
    private sealed class CountingStream(byte[] content) : Stream
    {
        private int _position;

        public int BytesRead => _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            int n = Math.Min(count, content.Length - _position);
            Array.Copy(content, _position, buffer, offset, n);
            _position += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
