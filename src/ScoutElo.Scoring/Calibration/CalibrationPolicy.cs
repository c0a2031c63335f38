namespace ScoutElo.Scoring.Calibration;

/// <summary>How the calibrator turns an audit into weights.</summary>
public enum CalibrationPolicy
{
    /// <summary>Choose among the other policies by cross-validation on the training data (nested inside the reported CV).</summary>
    Auto = 0,
    /// <summary>The paper's rule: drop unreliable dimensions and renormalize the kept default (equal) weights.</summary>
    DropAndRenormalize = 1,
    /// <summary>Non-negative least squares of the standardized label on standardized dimension scores.</summary>
    NonNegativeLeastSquares = 2,
    /// <summary>Non-negative ridge regression (NNLS with an L2 penalty) on standardized scores.</summary>
    Ridge = 3,
    /// <summary>The single dimension with the highest training correlation.</summary>
    BestSingle = 4,
    /// <summary>Equal weights over every dimension (no calibration; reported as the uncalibrated baseline).</summary>
    Equal = 5,
    /// <summary>Weights adapted from a base profile with a few labels (<see cref="Calibrator.Adapt"/>); not selectable for <see cref="Calibrator.Calibrate"/>.</summary>
    FewShot = 6,
    /// <summary>Weights adapted to unlabeled traffic from the dimensions' agreement (<see cref="CalibrationProfile.AdaptUnlabeled(IReadOnlyList{ScoringInput}, LabelFreeOptions?, Dimensions.INodeQualityHistory?, IReadOnlyList{IQualityDimension}?)"/>).</summary>
    LabelFree = 7,
}
