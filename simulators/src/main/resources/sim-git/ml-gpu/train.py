"""Train LeafNet (a ResNet-50 fine-tuned on leaf images) on one CUDA GPU."""

import argparse
import os
import time

import numpy as np
import torch
import torch.nn as nn
from torch.utils.data import DataLoader
from torch.utils.tensorboard import SummaryWriter
from torchvision import datasets, models, transforms
from tqdm import tqdm


def parse_args():
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--data", default="data", help="ImageFolder root with train/ and val/")
    p.add_argument("--epochs", type=int, default=30)
    p.add_argument("--batch-size", type=int, default=128)
    p.add_argument("--lr", type=float, default=0.01)
    p.add_argument("--workers", type=int, default=8)
    p.add_argument("--amp", action="store_true", help="mixed precision (needs a GPU)")
    p.add_argument("--out", default="runs")
    return p.parse_args()


def loaders(root, batch_size, workers):
    normalize = transforms.Normalize([0.485, 0.456, 0.406], [0.229, 0.224, 0.225])
    train = datasets.ImageFolder(
        os.path.join(root, "train"),
        transforms.Compose(
            [
                transforms.RandomResizedCrop(224),
                transforms.RandomHorizontalFlip(),
                transforms.ToTensor(),
                normalize,
            ]
        ),
    )
    val = datasets.ImageFolder(
        os.path.join(root, "val"),
        transforms.Compose(
            [transforms.Resize(256), transforms.CenterCrop(224), transforms.ToTensor(), normalize]
        ),
    )
    return (
        DataLoader(train, batch_size, shuffle=True, num_workers=workers, pin_memory=True),
        DataLoader(val, batch_size, num_workers=workers, pin_memory=True),
        len(train.classes),
    )


def evaluate(model, loader, device):
    model.eval()
    correct = total = 0
    with torch.no_grad():
        for images, labels in loader:
            images, labels = images.to(device, non_blocking=True), labels.to(device)
            correct += (model(images).argmax(1) == labels).sum().item()
            total += labels.numel()
    return correct / max(total, 1)


def main():
    args = parse_args()
    if not torch.cuda.is_available():
        raise SystemExit("LeafNet trains on a CUDA GPU; none is visible (check nvidia-smi)")
    device = torch.device("cuda")
    torch.backends.cudnn.benchmark = True
    train_loader, val_loader, classes = loaders(args.data, args.batch_size, args.workers)

    model = models.resnet50(weights=models.ResNet50_Weights.IMAGENET1K_V2)
    model.fc = nn.Linear(model.fc.in_features, classes)
    model.to(device)
    optimizer = torch.optim.SGD(model.parameters(), lr=args.lr, momentum=0.9, weight_decay=1e-4)
    scheduler = torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=args.epochs)
    scaler = torch.cuda.amp.GradScaler(enabled=args.amp)
    criterion = nn.CrossEntropyLoss(label_smoothing=0.1)
    writer = SummaryWriter(args.out)

    best = 0.0
    for epoch in range(args.epochs):
        model.train()
        started, losses = time.time(), []
        for images, labels in tqdm(train_loader, desc=f"epoch {epoch + 1}/{args.epochs}"):
            images, labels = images.to(device, non_blocking=True), labels.to(device)
            optimizer.zero_grad(set_to_none=True)
            with torch.autocast("cuda", dtype=torch.float16, enabled=args.amp):
                loss = criterion(model(images), labels)
            scaler.scale(loss).backward()
            scaler.step(optimizer)
            scaler.update()
            losses.append(loss.item())
        scheduler.step()
        accuracy = evaluate(model, val_loader, device)
        writer.add_scalar("loss/train", float(np.mean(losses)), epoch)
        writer.add_scalar("accuracy/val", accuracy, epoch)
        print(f"epoch {epoch + 1}: loss {np.mean(losses):.4f}, val accuracy {accuracy:.4f}, "
              f"{time.time() - started:.0f}s, peak GPU memory "
              f"{torch.cuda.max_memory_allocated() / 2**30:.1f} GiB")
        if accuracy > best:
            best = accuracy
            torch.save(model.state_dict(), os.path.join(args.out, "best.pt"))
    print(f"best val accuracy {best:.4f}")


if __name__ == "__main__":
    main()
