using System.Globalization;
using System.Runtime.CompilerServices;

namespace TomKing.Engine.Data.Lean;

/// <summary>
/// Allocation-free parsing of CSV number fields straight from UTF-8 bytes. The fast path reads
/// <c>[-]digits[.digits]</c> (≤ 18 digits) into an integer mantissa and divides once by an exact power
/// of ten, which is correctly rounded, so results equal <see cref="double.Parse(string)"/> of the same
/// text. Anything else (exponents, more digits) falls back to the framework's UTF-8 parser.
/// </summary>
internal static class LeanNumber
{
    private static readonly double[] PowersOfTen =
    [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ];

    /// <summary>Result of parsing one field.</summary>
    internal enum Field : byte
    {
        Bad = 0,
        Number = 1,
        Empty = 2,
    }

    /// <summary>
    /// Parses the field starting at <paramref name="pos"/> as a decimal number divided by
    /// 10^<paramref name="extraScaleDigits"/>; leaves <paramref name="pos"/> after the field's comma
    /// (or at the end). Empty fields are reported as such.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Field ParseDouble(ReadOnlySpan<byte> line, ref int pos, int extraScaleDigits, out double value)
    {
        int i = pos;
        if ((uint)i >= (uint)line.Length)
        {
            value = 0;
            pos = i + 1;
            return i == line.Length ? Field.Empty : Field.Bad;
        }

        if (line[i] == (byte)',')
        {
            value = 0;
            pos = i + 1;
            return Field.Empty;
        }

        bool negative = false;
        if (line[i] == (byte)'-')
        {
            negative = true;
            i++;
        }

        ulong mantissa = 0;
        int digits = 0;
        int fraction = -1;
        while (i < line.Length)
        {
            uint d = (uint)(line[i] - (byte)'0');
            if (d <= 9)
            {
                mantissa = (mantissa * 10) + d;
                digits++;
                i++;
                continue;
            }

            if (line[i] == (byte)'.' && fraction < 0)
            {
                fraction = i;
                i++;
                continue;
            }

            break;
        }

        int fractionDigits = fraction < 0 ? 0 : i - fraction - 1;
        int scale = fractionDigits + extraScaleDigits;
        if (digits == 0 || digits > 15 || scale >= PowersOfTen.Length || (i < line.Length && line[i] != (byte)','))
        {
            return Slow(line, ref pos, extraScaleDigits, out value);
        }

        double magnitude = scale == 0 ? mantissa : mantissa / PowersOfTen[scale];
        value = negative ? -magnitude : magnitude;
        pos = i + 1;
        return Field.Number;
    }

    /// <summary>Parses an integer field (an optional <c>.0…</c> tail is accepted); empty is reported.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Field ParseLong(ReadOnlySpan<byte> line, ref int pos, out long value)
    {
        int i = pos;
        if ((uint)i >= (uint)line.Length || line[i] == (byte)',')
        {
            value = 0;
            pos = i + 1;
            return i <= line.Length ? Field.Empty : Field.Bad;
        }

        bool negative = false;
        if (line[i] == (byte)'-')
        {
            negative = true;
            i++;
        }

        long result = 0;
        int digits = 0;
        while (i < line.Length)
        {
            uint d = (uint)(line[i] - (byte)'0');
            if (d > 9)
            {
                break;
            }

            result = (result * 10) + d;
            digits++;
            i++;
        }

        if (i < line.Length && line[i] == (byte)'.')
        {
            i++;
            while (i < line.Length && line[i] == (byte)'0')
            {
                i++;
            }
        }

        if (digits == 0 || digits > 18 || (i < line.Length && line[i] != (byte)','))
        {
            value = 0;
            int comma = line[pos..].IndexOf((byte)',');
            pos = comma < 0 ? line.Length + 1 : pos + comma + 1; // continue at the next field
            return Field.Bad;
        }

        value = negative ? -result : result;
        pos = i + 1;
        return Field.Number;
    }

    private static Field Slow(ReadOnlySpan<byte> line, ref int pos, int extraScaleDigits, out double value)
    {
        int start = pos;
        int comma = line[start..].IndexOf((byte)',');
        int end = comma < 0 ? line.Length : start + comma;
        pos = end + 1;
        if (!double.TryParse(line[start..end], NumberStyles.Float, CultureInfo.InvariantCulture, out value) || !double.IsFinite(value))
        {
            value = 0;
            return Field.Bad;
        }

        if (extraScaleDigits > 0)
        {
            value /= PowersOfTen[extraScaleDigits];
        }

        return Field.Number;
    }
}
