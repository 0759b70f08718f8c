#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The learned quality predictor: an item-response model of "will model m answer request x well".
///
/// Method (see `docs/routing.md`):
///
///     P(m answers x well) = σ(a · (θ[m, c] − d(x) + r_m(x)) + b)
///     d(x) = β[c] + u · dense(x) + s(x) · Σ_{h in ngrams(x)} w[h],   s(x) = 1 / √(|ngrams(x)| + 1)
///
/// - `c` is the request's category: explicit (header, dataset group) or `CategoryInference`.
/// - `θ[m, c]` is the model's ability. Models seen in training have it learned from their
///   outcomes; any other model gets it from its catalog entry through the per-category link
///   `θ = slope[c] · logit(ability[c]) + intercept[c]`, fitted by least squares between the
///   learned abilities and the catalog abilities of the models both know. So a new model needs
///   only its catalog entry.
/// - `d(x)` is the request's difficulty, linear in the dense features and the hashed word
///   n-grams; the same for every model, which is what lets it transfer to unseen models.
/// - `r_m(x)` is an optional, L1-sparse per-model residual in the same features, learned only for
///   models in the training data (zero for the rest): what one model does unusually well or badly.
/// - `a`, `b` are Platt scaling, fitted on out-of-fold predictions of the training data.
///
/// Training (`DifficultyTrainer`) minimises the cross-entropy between that probability and the
/// observed scores (0...1, soft labels allowed) by AdaGrad SGD with L2 and an L1 step that keeps
/// the n-gram weights sparse; rare n-grams are never weighted. Everything is seeded.
///
/// On the request path call `assess(_:)` once per request and `quality(of:abilities:assessment:)`
/// per candidate: the protocol's `quality(of:abilities:features:)` recomputes the difficulty on
/// every call.
public struct DifficultyModel: QualityPredictor, Equatable {
    /// Version of the weights format and of the feature mapping it relies on.
    public static let formatVersion = 1

    /// β: difficulty offset per category, indexed by `TaskCategory.index`.
    public var categoryBias: [Double]
    /// u: one weight per `DenseFeatures` entry.
    public var denseWeights: [Double]
    /// w: the n-gram weights that survived L1 and pruning.
    public var ngramWeights: SparseWeights
    /// θ learned from outcome data, by model name as it appeared there; one entry per category.
    public private(set) var learnedAbilities: [String: [Double]]
    /// r_m(x) of the models in the training data, by the same names as `learnedAbilities`.
    public private(set) var residuals: [String: ModelResidual]
    /// Both of the above under one key, so a candidate costs one dictionary lookup.
    private var learned: [String: Learned]

    private struct Learned: Sendable, Equatable {
        var abilities: [Double]
        var residual: ModelResidual?
    }
    /// Catalog ability -> θ, per category.
    public var links: [AbilityLink]
    public var platt: PlattScaling
    /// Per-category trust in d(x) − β[c] and r_m(x), fitted out of fold (identity: as trained).
    public var termScaling: PromptTermScaling

    public init(
        categoryBias: [Double] = Array(repeating: 0, count: TaskCategory.allCases.count),
        denseWeights: [Double] = Array(repeating: 0, count: DenseFeatures.count),
        ngramWeights: SparseWeights = SparseWeights(),
        learnedAbilities: [String: [Double]] = [:],
        residuals: [String: ModelResidual] = [:],
        links: [AbilityLink] = Array(repeating: .identity, count: TaskCategory.allCases.count),
        platt: PlattScaling = .identity,
        termScaling: PromptTermScaling = .identity
    ) {
        precondition(categoryBias.count == TaskCategory.allCases.count && links.count == TaskCategory.allCases.count)
        precondition(denseWeights.count == DenseFeatures.count)
        self.categoryBias = categoryBias
        self.denseWeights = denseWeights
        self.ngramWeights = ngramWeights
        self.learnedAbilities = learnedAbilities
        self.residuals = residuals
        learned = learnedAbilities.mapValues { Learned(abilities: $0, residual: nil) }
        for (name, residual) in residuals { learned[name]?.residual = residual }
        self.links = links
        self.platt = platt
        self.termScaling = termScaling
    }

    /// d(x) for the request's category, computed once per request.
    public func assess(_ features: RequestFeatures) -> RequestAssessment {
        let category = CategoryInference.category(of: features)
        var d = 0.0
        denseWeights.withUnsafeBufferPointer { u in
            DenseFeatures.forEach(features) { index, value in d += u[index] * value }
        }
        d += Double(ngramWeights.sum(features.ngramHashes)) * DenseFeatures.ngramScale(features)
        d = categoryBias[category.index] + termScaling.text[category.index] * d
        return RequestAssessment(category: category, difficulty: d, features: features)
    }

    /// θ of `model` in `category`: learned when the training data had the model, else linked.
    public func ability(of model: String, abilities: ModelAbilities, category: TaskCategory) -> Double {
        if let learned = learned[model] { return learned.abilities[category.index] }
        return links[category.index].theta(fromCatalog: abilities[category])
    }

    /// Predicted quality of `model` on an assessed request.
    @inline(__always)
    public func quality(of model: String, abilities: ModelAbilities, assessment: RequestAssessment) -> Double {
        let c = assessment.category
        guard let learned = learned[model] else {
            return platt.probability(links[c.index].theta(fromCatalog: abilities[c]) - assessment.difficulty)
        }
        let r = (learned.residual?.value(assessment.features) ?? 0) * termScaling.residual[c.index]
        return platt.probability(learned.abilities[c.index] - assessment.difficulty + r)
    }

    public func quality(of model: String, abilities: ModelAbilities, features: RequestFeatures) -> Double {
        quality(of: model, abilities: abilities, assessment: assess(features))
    }

    public func assessment(of features: RequestFeatures) -> RequestAssessment? { assess(features) }

    public func quality(of model: String, abilities: ModelAbilities, features: RequestFeatures,
                        assessment: RequestAssessment?) -> Double {
        quality(of: model, abilities: abilities, assessment: assessment ?? assess(features))
    }
}
