using System;
using System.IO;
using System.Text;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.Metadata.Profiles.Exif;
using SixLabors.ImageSharp.Metadata.Profiles.Iptc;
using SixLabors.ImageSharp.Metadata.Profiles.Xmp;
using SixLabors.ImageSharp.PixelFormats;

namespace PiiGuard.EntityFrameworkCore.Tests.Media;

/// <summary>
/// Photos made for the tests with ImageSharp, which can WRITE the metadata a camera or an editor leaves in a file:
/// EXIF with a GPS position and the camera, XMP, IPTC, PNG text. Four quadrants of distinct colours let a test see
/// where each part of the image went.
/// </summary>
internal static class TestPhotos
{
    public static readonly Rgb24 TopLeft = new(220, 30, 40);     // red
    public static readonly Rgb24 TopRight = new(30, 180, 60);    // green
    public static readonly Rgb24 BottomLeft = new(40, 60, 210);  // blue
    public static readonly Rgb24 BottomRight = new(230, 210, 40); // yellow

    /// <summary>Words that appear only in the metadata written here, never in pixels.</summary>
    public const string CameraMake = "ExampleCam";
    public const string Photographer = "Jane Example";
    public const string XmpCreatorTool = "ExampleEditor 3.1";
    public const string PngTextValue = "Taken at 12 Example Street";

    public static Image<Rgb24> Quadrants(int width, int height)
    {
        var image = new Image<Rgb24>(width, height);
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                bool right = x >= width / 2;
                bool bottom = y >= height / 2;
                image[x, y] = (right, bottom) switch
                {
                    (false, false) => TopLeft,
                    (true, false) => TopRight,
                    (false, true) => BottomLeft,
                    _ => BottomRight,
                };
            }
        }

        return image;
    }

    /// <summary>A JPEG with a GPS position (latitude and longitude), the camera's make and model, XMP and IPTC.</summary>
    public static byte[] JpegWithEverything(int width = 64, int height = 48)
    {
        using Image<Rgb24> image = Quadrants(width, height);
        image.Metadata.ExifProfile = CameraExif();
        image.Metadata.XmpProfile = new XmpProfile(Encoding.UTF8.GetBytes(Xmp()));
        var iptc = new IptcProfile();
        iptc.SetValue(IptcTag.Byline, Photographer);
        // ImageSharp 2.1 does not pad an odd-length Photoshop resource to an even length, as readers expect:
        // the two records are 17 bytes each (a 5-byte record header and 12 characters), so nothing needs padding.
        iptc.SetValue(IptcTag.City, "Example Town");
        image.Metadata.IptcProfile = iptc;
        using var output = new MemoryStream();
        image.SaveAsJpeg(output);
        return output.ToArray();
    }

    /// <summary>A PNG with an eXIf chunk (GPS and camera) and a tEXt chunk.</summary>
    public static byte[] PngWithExifAndText(int width = 64, int height = 48)
    {
        using Image<Rgb24> image = Quadrants(width, height);
        image.Metadata.ExifProfile = CameraExif();
        image.Metadata.GetPngMetadata().TextData.Add(new PngTextData("Comment", PngTextValue, string.Empty, string.Empty));
        using var output = new MemoryStream();
        image.SaveAsPng(output);
        return output.ToArray();
    }

    /// <summary>A JPEG whose EXIF orientation tag is <paramref name="orientation"/> (1 to 8), with no other metadata.</summary>
    public static byte[] JpegWithOrientation(int width, int height, ushort orientation)
    {
        using Image<Rgb24> image = Quadrants(width, height);
        var exif = new ExifProfile();
        exif.SetValue(ExifTag.Orientation, orientation);
        image.Metadata.ExifProfile = exif;
        using var output = new MemoryStream();
        image.SaveAsJpeg(output, new SixLabors.ImageSharp.Formats.Jpeg.JpegEncoder { Quality = 95 });
        return output.ToArray();
    }

    public static byte[] Gif(int width = 16, int height = 16)
    {
        using Image<Rgb24> image = Quadrants(width, height);
        using var output = new MemoryStream();
        image.SaveAsGif(output);
        return output.ToArray();
    }

    /// <summary>A plain grey PNG (compresses to little: a large one is cheap to make).</summary>
    public static byte[] GreyPng(int width, int height)
    {
        using var image = new Image<L8>(width, height, new L8(128));
        using var output = new MemoryStream();
        image.SaveAsPng(output);
        return output.ToArray();
    }

    private static ExifProfile CameraExif()
    {
        var exif = new ExifProfile();
        exif.SetValue(ExifTag.Make, CameraMake);
        exif.SetValue(ExifTag.Model, "Model 7");
        exif.SetValue(ExifTag.Artist, Photographer);
        exif.SetValue(ExifTag.DateTimeOriginal, "2024:05:01 10:11:12");
        exif.SetValue(ExifTag.GPSLatitudeRef, "N");
        exif.SetValue(ExifTag.GPSLatitude, new[] { new Rational(52, 1), new Rational(31, 1), new Rational(1234, 100) });
        exif.SetValue(ExifTag.GPSLongitudeRef, "E");
        exif.SetValue(ExifTag.GPSLongitude, new[] { new Rational(13, 1), new Rational(24, 1), new Rational(5678, 100) });
        return exif;
    }

    private static string Xmp() =>
        "<?xpacket begin=\"\uFEFF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>" +
        "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">" +
        "<rdf:Description rdf:about=\"\" xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">" +
        $"<xmp:CreatorTool>{XmpCreatorTool}</xmp:CreatorTool>" +
        $"<dc:creator><rdf:Seq><rdf:li>{Photographer}</rdf:li></rdf:Seq></dc:creator>" +
        "</rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end=\"w\"?>";
}
