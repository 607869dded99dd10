/**
 * groklab's public API, by floor (ARCHITECTURE.md): import it as `import * as gl from "groklab"`
 * (the notebooks: `../dist`).
 */

// config/: configs: checking, defaults, resolution, the notebooks' mode
export * from "./config/notebookMode";
export * from "./config/resolve";
export * from "./config/Resolved";
export * from "./config/validateConfig";
export * from "./config/withDefaults";

// specs/: every config's schema (type, validation, defaults)
export * from "./specs/DatasetConfig";
export * from "./specs/EmbeddingKind";
export * from "./specs/EmbeddingMLPConfig";
export * from "./specs/EvaluationSchedule";
export * from "./specs/ExperimentConfig";
export * from "./specs/GradientFilterConfig";
export * from "./specs/ModelSpec";
export * from "./specs/MuonConfig";
export * from "./specs/NandaTransformerConfig";
export * from "./specs/Operation";
export * from "./specs/OptimizerConfig";
export * from "./specs/PowerTransformerConfig";
export * from "./specs/PretrainConfig";
export * from "./specs/RunConfig";
export * from "./specs/Seed";
export * from "./specs/StructuredInit";
export * from "./specs/SweepConfig";
export * from "./specs/TrainConfig";

// backend/: tfjs backends: native libtorch, wasm fixes, fused kernels, threads
export * from "./backend/BufferPool";
export * from "./backend/busyCores";
export * from "./backend/libtorchAddon";
export * from "./backend/patchWasmKernels";
export * from "./backend/registerLibtorchBackend";
export * from "./backend/selectBackend";
export * from "./backend/tfjsNodeAvailable";

// logs/: training logs: records, reading any format, exporting, frames
export * from "./logs/exportLog";
export * from "./logs/loadDanfo";
export * from "./logs/loadLog";
export * from "./logs/logFrame";
export * from "./logs/LogRecord";
export * from "./logs/parseCsv";

// data/: the algorithmic datasets
export * from "./data/makeDataset";
export * from "./data/modularOperations";
export * from "./data/permutationOperations";
export * from "./data/random";
export * from "./data/sequenceLayout";

// models/: the three networks
export * from "./models/buildModel";
export * from "./models/causalAttention";
export * from "./models/circleEmbedding";
export * from "./models/EmbeddingMLP";
export * from "./models/embedTokens";
export * from "./models/gromovSolution";
export * from "./models/layerNorm";
export * from "./models/lookupRows";
export * from "./models/makeParams";
export * from "./models/Model";
export * from "./models/NandaTransformer";
export * from "./models/PowerTransformer";
export * from "./models/sinusoidalPositions";
export * from "./models/structuredInit";

// train/: the training loop, optimizers, interventions
export * from "./train/AdamW";
export * from "./train/batchSizeOf";
export * from "./train/crossEntropy";
export * from "./train/preciseCrossEntropy";
export * from "./train/evaluationSchedule";
export * from "./train/GradientFilter";
export * from "./train/Muon";
export * from "./train/newtonSchulz";
export * from "./train/orthogonalGrad";
export * from "./train/projectToNorm";
export * from "./train/RunSink";
export * from "./train/stableMax";
export * from "./train/train";

// runs/: run and sweep folders on disk
export * from "./runs/checkpoint";
export * from "./runs/pretrainSummary";
export * from "./runs/readRuns";
export * from "./runs/runFileError";
export * from "./runs/RunFolder";
export * from "./runs/runLayout";
export * from "./runs/RunLock";
export * from "./runs/runLog";
export * from "./runs/runsOf";
export * from "./runs/runStalled";
export * from "./runs/runStatus";

// analysis/: measures of networks and logs, statistics, the claims ledger
export * from "./analysis/statistics/aboveControls";
export * from "./analysis/statistics/bootstrapInterval";
export * from "./analysis/statistics/permutationTest";
export * from "./analysis/statistics/rankCorrelation";
export * from "./analysis/analyseCheckpoints";
export * from "./analysis/analyseWithControls";
export * from "./analysis/analyseModel";
export * from "./analysis/flatness/boxMaximize";
export * from "./analysis/geometry/circleCoordinates";
export * from "./analysis/geometry/circularity";
export * from "./analysis/ledger/FindingRef";
export * from "./analysis/ledger/LedgerRow";
export * from "./analysis/ledger/intervalVerdict";
export * from "./analysis/events/classifyPhase";
export * from "./analysis/ledger/Finding";
export * from "./analysis/flatness/FlatLoss";
export * from "./analysis/fourier/fourierBasis";
export * from "./analysis/fourier/fourierNorms";
export * from "./analysis/fourier/fourierTensors";
export * from "./analysis/fourier/neuronInputMap";
export * from "./analysis/events/geometryOverTraining";
export * from "./analysis/events/grokkingEvents";
export * from "./analysis/events/grokkingSteps";
export * from "./analysis/events/grokkingSummary";
export * from "./analysis/flatness/hessianTopEigenvalue";
export * from "./analysis/ledger/interventionTable";
export * from "./analysis/fourier/logitSpectrumNorms";
export * from "./analysis/fourier/logitSpectrumOf";
export * from "./analysis/geometry/matrixRows";
export * from "./analysis/events/nandaPhases";
export * from "./analysis/fourier/neuronFrequencies";

export * from "./analysis/geometry/nullModel";
export * from "./analysis/geometry/pca";
export * from "./analysis/fourier/restrictedLoss";
export * from "./analysis/geometry/rqi";
export * from "./analysis/statistics/seedSummary";
export * from "./analysis/events/shareOfFallBefore";
export * from "./analysis/flatness/sharpness";
export * from "./analysis/flatness/sharpnessAtCheckpoints";
export * from "./analysis/statistics/spearman";
export * from "./analysis/geometry/stepDistanceRatio";
export * from "./analysis/geometry/trustworthiness";
export * from "./analysis/geometry/tsne";
export * from "./analysis/geometry/weightNorms";

// plots/: pure Plotly figures
export * from "./plots/checkFigure";
export * from "./plots/checkpointSlider";
export * from "./plots/compareRuns";
export * from "./plots/fourierSpectrum";
export * from "./plots/geometryCurves";
export * from "./plots/keyFrequencyCircles";
export * from "./plots/logitSpectrum";
export * from "./plots/neuronFrequencyHeatmap";
export * from "./plots/PlotlyFigure";
export * from "./plots/residueProjection";
export * from "./plots/sharpnessScatter";
export * from "./plots/progressMeasures";
export * from "./plots/stepSeries";
export * from "./plots/sweepPlots";
export * from "./plots/torusView";
export * from "./plots/trainingCurves";

// experiment/: experiments and sweeps from configs
export * from "./experiment/collectResults";
export * from "./experiment/emitJobs";
export * from "./experiment/estimateMemory";
export * from "./experiment/expandSweep";
export * from "./experiment/pretrain";
export * from "./experiment/resolveExperiment";
export * from "./experiment/runExperiment";
export * from "./experiment/runSweep";
export * from "./experiment/statusRows";

// notebook/: notebook display and live output
export * from "./display/escapeHtml";
export * from "./display/figureBundle";
export * from "./display/FigureRenderer";
export * from "./display/formatInterventionTable";
export * from "./display/formatLedger";
export * from "./display/kernelDisplay";
export * from "./live/LiveFigure";
export * from "./analysis/ledger/loadFindings";
export * from "./display/MimeBundle";
export * from "./display/plotlyLoader";
export * from "./live/ProgressBar";
export * from "./live/readSweep";
export * from "./live/runLive";
export * from "./live/runSweepLive";
export * from "./analysis/ledger/saveFindings";
export * from "./display/show";
export * from "./live/sweepInterventionTable";
export * from "./display/synchronousKernelSends";
export * from "./display/tableBundle";
export * from "./live/throttle";
export * from "./live/watch";

// studies/: one study a notebook: parameters with presets in, runs, figures' data and typed findings out
export * from "./studies/circles";
export * from "./studies/claimsLedger";
export * from "./studies/consolidationLayer";
export * from "./studies/flatness";
export * from "./studies/flatnessSeeds";
export * from "./studies/grokkingCurves";
export * from "./studies/mechanism";
export * from "./studies/microGrokking";
export * from "./studies/noise";
export * from "./studies/noiseFindingValues";
export * from "./studies/powerTraining";
export * from "./studies/trainingLogAnalysis";
export * from "./studies/weightDecayData";
