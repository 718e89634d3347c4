using System.Runtime.InteropServices;

namespace ChurnActors.Domain.Scoring;

/// <summary>
/// One internal node of a tree ensemble packed for the scoring walk (20 bytes, so a walk touches one cache line per
/// node). Children are global: a value &gt;= 0 is a node index, a negative value ~c is global leaf c.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal readonly struct PackedTreeNode(int feature, float threshold, float missing, int left, int right)
{
    public readonly int Feature = feature;
    public readonly float Threshold = threshold;
    public readonly float Missing = missing;
    public readonly int Left = left;
    public readonly int Right = right;
}
