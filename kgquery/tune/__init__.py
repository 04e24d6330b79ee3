"""Instruction tuning for one graph: `kgquery tune synth | train | eval`.

- synth.py: question/SPARQL pairs built from the graph itself, verified by execution, split by entity;
- prompting.py: the prompt `ask` would build for a question (so training sees ask-time prompts);
- train.py: supervised fine-tuning (LoRA through peft, or full), one readable torch loop;
- evaluate.py: execution accuracy, set-F1, valid-query rate and BLEU, before and after tuning;
- card.py: the model card saved beside the adapter (data, base model, settings, metrics).

Heavy libraries (torch, transformers, peft, sacrebleu) are imported inside the functions that need them.
"""
