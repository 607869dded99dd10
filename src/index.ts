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
export * from "./analysis/aboveControls";
export * from "./analysis/analyseCheckpoints";
export * from "./analysis/analyseModel";
export * from "./analysis/boxMaximize";
export * from "./analysis/circleCoordinates";
export * from "./analysis/circularity";
export * from "./analysis/claimsLedger";
export * from "./analysis/classifyPhase";
export * from "./analysis/Finding";
export * from "./analysis/FlatLoss";
export * from "./analysis/fourierBasis";
export * from "./analysis/fourierNorms";
export * from "./analysis/fourierTensors";
export * from "./analysis/geometryOverTraining";
export * from "./analysis/grokkingEvents";
export * from "./analysis/grokkingSteps";
export * from "./analysis/grokkingSummary";
export * from "./analysis/hessianTopEigenvalue";
export * from "./analysis/interventionTable";
export * from "./analysis/logitSpectrumNorms";
export * from "./analysis/matrixRows";
export * from "./analysis/nandaPhases";
export * from "./analysis/neuronFrequencies";
export * from "./analysis/noiseFindingValues";
export * from "./analysis/nullModel";
export * from "./analysis/pca";
export * from "./analysis/restrictedLoss";
export * from "./analysis/rqi";
export * from "./analysis/seedSummary";
export * from "./analysis/shareOfFallBefore";
export * from "./analysis/sharpness";
export * from "./analysis/sharpnessAtCheckpoints";
export * from "./analysis/spearman";
export * from "./analysis/stepDistanceRatio";
export * from "./analysis/trustworthiness";
export * from "./analysis/tsne";
export * from "./analysis/weightNorms";

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
export * from "./notebook/escapeHtml";
export * from "./notebook/figureBundle";
export * from "./notebook/FigureRenderer";
export * from "./notebook/formatInterventionTable";
export * from "./notebook/formatLedger";
export * from "./notebook/kernelDisplay";
export * from "./notebook/LiveFigure";
export * from "./notebook/loadFindings";
export * from "./notebook/MimeBundle";
export * from "./notebook/plotlyLoader";
export * from "./notebook/ProgressBar";
export * from "./notebook/readSweep";
export * from "./notebook/runLive";
export * from "./notebook/runSweepLive";
export * from "./notebook/saveFindings";
export * from "./notebook/show";
export * from "./notebook/sweepInterventionTable";
export * from "./notebook/synchronousKernelSends";
export * from "./notebook/tableBundle";
export * from "./notebook/throttle";
export * from "./notebook/watch";

// In a tslab kernel, from the import on: no output lost to zeromq putting sends off (synchronousKernelSends).
import { synchronousKernelSends } from "./notebook/synchronousKernelSends";
synchronousKernelSends();
